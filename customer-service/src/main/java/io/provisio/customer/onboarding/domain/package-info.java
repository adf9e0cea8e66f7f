/** The onboarding saga's state and decisions: plain Java, no Spring, MongoDB or AMQP types (ADR 004). */
package io.provisio.customer.onboarding.domain;
