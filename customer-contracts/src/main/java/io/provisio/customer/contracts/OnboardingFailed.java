package io.provisio.customer.contracts;

import java.time.Instant;

/**
 * Event on {@code customer-events}: an onboarding failed and every step that may have acted was compensated.
 * Written in the same update that marks the onboarding FAILED, so it is announced exactly when that state is
 * stored; nothing of the onboarding remains to be undone. notification-service turns it into the partner's
 * {@code onboarding.failed} webhook.
 *
 * @param onboardingId the saga id of the onboarding
 * @param customerId   the customer id the onboarding had reserved (it no longer exists)
 * @param step         the step that failed, e.g. {@code ASSIGN_PLANS}
 * @param code         the failure's code, e.g. {@code INSUFFICIENT_INVENTORY} or {@code STEP_TIMEOUT}
 * @param message      the failure's text, as on the onboarding resource
 */
public record OnboardingFailed(String onboardingId, String customerId, String step, String code, String message,
                               Instant failedAt) implements CustomerEvent {
}
