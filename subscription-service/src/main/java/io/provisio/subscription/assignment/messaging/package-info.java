/**
 * The subscription-commands consumer: AssignPlans and ReleasePlans through the saga participant, ValidatePlans
 * answered directly.
 */
package io.provisio.subscription.assignment.messaging;
