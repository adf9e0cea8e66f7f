/**
 * Dead letters for operators: which dead-letter queues this service has, what is in them (read without
 * consuming), and moving them back to their queue once the cause is fixed (ADR 010).
 */
package io.provisio.platform.deadletter;
