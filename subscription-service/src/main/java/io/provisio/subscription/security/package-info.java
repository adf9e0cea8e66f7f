/** The REST security chain: the scopes each endpoint needs (partner-scoped JWTs, platform PartnerSecurity). */
package io.provisio.subscription.security;
