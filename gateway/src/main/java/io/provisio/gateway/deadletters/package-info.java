/**
 * {@code GET /api/v1/operator/dead-letters}: the dead-letter queues of all services in one list. Each service
 * knows only its own; a queue's messages and its redrive are routed to the owning service (application.yml).
 */
package io.provisio.gateway.deadletters;
