/** identity-service's side of the onboarding saga: CREATE_ADMINISTRATOR, its compensation, and the dry run's ValidateAdministrator. */
package io.provisio.identity.user.messaging;
