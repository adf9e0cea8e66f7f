/** The subscription-commands consumer: AssignPlans and ReleasePlans handed to the saga participant. */
package io.provisio.subscription.assignment.messaging;
