/** Stores drafts in MongoDB ({@code onboarding_drafts}), one document each, written by {@code _id} and version. */
package io.provisio.customer.drafts.persistence;
