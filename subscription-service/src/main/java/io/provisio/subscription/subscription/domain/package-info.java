/** A customer's subscription to a plan and when it starts billing. */
package io.provisio.subscription.subscription.domain;
