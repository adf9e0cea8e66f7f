/**
 * Customer documents in MongoDB (unique account name per partner, events through their own outbox), the domain
 * claims that make a domain one customer's (ADR 012), and the onboarding's view of the customer hierarchy.
 */
package io.provisio.customer.customers.store;
