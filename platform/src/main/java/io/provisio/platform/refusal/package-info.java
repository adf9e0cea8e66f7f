/**
 * How an application service says no (ADR 031): it throws a {@link io.provisio.platform.refusal.Refusal} naming
 * the rule and the fields, and the web layer renders it as problem+json, so no controller translates outcomes.
 */
package io.provisio.platform.refusal;
