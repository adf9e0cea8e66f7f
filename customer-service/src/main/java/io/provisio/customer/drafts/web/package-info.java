/** {@code /api/v1/onboarding-drafts}: the drafts API, its validation and its versions as ETags. */
package io.provisio.customer.drafts.web;
