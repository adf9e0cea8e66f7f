/**
 * What a consumer does when handling a message fails: wait out an unreachable MongoDB or broker for as
 * long as it takes, retry other failures a few times, and dead-letter only poison (ADR 010).
 */
package io.provisio.platform.messaging.retry;
