/**
 * The onboarding API of API.md: start one (or a dry run), read its timeline, list them; onboarding batches, the
 * operator's view across partners and the sub-domain check.
 */
package io.provisio.customer.onboarding.web;
