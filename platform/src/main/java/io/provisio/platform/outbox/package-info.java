/**
 * The transactional outbox (ADR 002): outgoing messages live inside the aggregate's own document,
 * written in the same atomic single-document update as the state change, and a relay publishes
 * them with publisher confirms before removing them.
 */
package io.provisio.platform.outbox;
