package io.provisio.notification.email.messaging;

import java.time.Clock;

import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code customer-events}: an onboarding that completed can no longer be rolled back, so the welcome and
 * activation e-mails it held are scheduled now. Other customer events change nothing here.
 */
final class CompletedOnboardings {

    private static final Logger log = LoggerFactory.getLogger(CompletedOnboardings.class);

    private final MessageCodec codec;
    private final NotificationStore store;
    private final Clock clock;

    CompletedOnboardings(MessageCodec codec, NotificationStore store, Clock clock) {
        this.codec = codec;
        this.store = store;
        this.clock = clock;
    }

    void handle(Envelope envelope) {
        if (!OnboardingCompleted.class.getSimpleName().equals(envelope.type())) {
            return;
        }
        OnboardingCompleted completed = codec.payload(envelope, OnboardingCompleted.class);
        if (envelope.partnerId() == null || completed.onboardingId() == null) {
            // Without them the update could not be scoped; the dead-letter queue is where an operator sees it.
            throw new MalformedMessageException("OnboardingCompleted without partner or onboarding id");
        }
        long released = store.releaseHeld(envelope.partnerId(), completed.onboardingId(), clock.instant());
        log.info("Onboarding {} completed; {} held e-mail(s) released", completed.onboardingId(), released);
    }
}
