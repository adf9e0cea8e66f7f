/** identity-service's side of the onboarding saga: CREATE_ADMINISTRATOR, its compensation, the dry run's ValidateAdministrator, and customer suspensions from customer-events. */
package io.provisio.identity.user.messaging;
