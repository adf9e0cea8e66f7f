/** The onboarding API of API.md: start one, read its timeline, list them. */
package io.provisio.customer.onboarding.web;
