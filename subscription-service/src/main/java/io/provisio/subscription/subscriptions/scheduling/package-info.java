/** The persisted, lease-claimed scheduler: activation on the start date and recovery of interrupted changes. */
package io.provisio.subscription.subscriptions.scheduling;
