/** The drafts feature's periodic work: deleting drafts nobody saved within the retention period. */
package io.provisio.customer.drafts.scheduling;
