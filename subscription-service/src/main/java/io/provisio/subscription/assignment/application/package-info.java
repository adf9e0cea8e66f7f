/** The ASSIGN_PLANS saga step: allocate all plans or none, create subscriptions, and undo it. */
package io.provisio.subscription.assignment.application;
