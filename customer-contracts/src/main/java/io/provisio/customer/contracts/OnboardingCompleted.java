package io.provisio.customer.contracts;

import java.time.Instant;

/**
 * Event on {@code customer-events}: an onboarding passed its last step and can no longer be undone.
 * Written in the same update that marks the onboarding COMPLETED. What must not reach a customer whose
 * onboarding might still be rolled back (the welcome and activation e-mails) waits for it.
 *
 * @param onboardingId the saga id of the onboarding
 */
public record OnboardingCompleted(String onboardingId, String customerId, Instant completedAt)
        implements CustomerEvent {
}
