/** Onboarding drafts: unfinished onboarding requests a partner's staff keep server-side and resume (ADR 027). */
package io.provisio.customer.drafts;
