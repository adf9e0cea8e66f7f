/** Signed webhooks (issue 13, section 3; ADR 022): partners' endpoints, the deliveries fanned out to them, their dispatch. */
package io.provisio.notification.webhook;
