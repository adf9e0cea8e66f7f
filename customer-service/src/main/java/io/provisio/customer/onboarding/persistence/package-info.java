/** Stores onboardings in MongoDB: one document each, state and outbox written together (ADR 002). */
package io.provisio.customer.onboarding.persistence;
