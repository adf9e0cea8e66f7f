package io.provisio.customer.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Event on {@code customer-events}: an onboarding passed its last step and can no longer be undone.
 * Written in the same update that marks the onboarding COMPLETED. What must not reach a customer whose
 * onboarding might still be rolled back (the welcome and activation e-mails) waits for it.
 *
 * <p>When the onboarding named who completes setup, {@code setup} says so, and this event starts it: identity-service
 * issues the setup link and asks notification-service for the "Configure now" e-mail and its reminders (ADR 023).
 *
 * @param onboardingId the saga id of the onboarding
 * @param setup        the onboarding's delegated setup, or {@code null} (also in events written before it existed)
 * @param services     the plan codes the onboarding assigned, which the setup page asks to confirm; empty in events
 *                     written before it existed
 */
public record OnboardingCompleted(String onboardingId, String customerId, Instant completedAt, Setup setup,
                                  List<String> services) implements CustomerEvent {

    public OnboardingCompleted {
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** An onboarding without delegated setup. */
    public OnboardingCompleted(String onboardingId, String customerId, Instant completedAt) {
        this(onboardingId, customerId, completedAt, null, List.of());
    }
}
