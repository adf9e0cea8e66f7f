/** Delegated setup (ADR 023): the setup link identity issues when an onboarding with setup completes, and its page. */
package io.provisio.identity.setup;
