package io.provisio.notification.email.application;

import java.time.Clock;

import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.platform.messaging.MalformedMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An onboarding that completed can no longer be rolled back, so the welcome and activation e-mails it held are
 * scheduled now.
 */
@Service
public class CompletedOnboardings {

    private static final Logger log = LoggerFactory.getLogger(CompletedOnboardings.class);

    private final SagaNotificationStore store;
    private final Clock clock;

    CompletedOnboardings(SagaNotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void releaseHeld(String partnerId, OnboardingCompleted completed) {
        if (partnerId == null || completed.onboardingId() == null) {
            // Without them the update could not be scoped; the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException("OnboardingCompleted without partner or onboarding id");
        }
        long released = store.releaseHeld(partnerId, completed.onboardingId(), clock.instant());
        log.info("Onboarding {} completed; {} held e-mail(s) released", completed.onboardingId(), released);
    }
}
