/** identity-service's side of the onboarding saga: CREATE_ADMINISTRATOR and its compensation. */
package io.provisio.identity.user.messaging;
