package io.provisio.customer.onboarding.application;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs on every replica: deadlines live in the onboarding documents, so nothing is lost when a
 * replica dies, and the optimistic lock lets only one replica act on each overdue onboarding.
 */
@Component
class DeadlineSweeper {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final OnboardingService onboardings;

    DeadlineSweeper(OnboardingService onboardings) {
        this.onboardings = onboardings;
    }

    @Scheduled(fixedDelayString = "${provisio.onboarding.sweep-interval:1s}")
    void sweep() {
        try {
            int swept = onboardings.sweepDeadlines(100);
            if (swept > 0) {
                log.info("Swept {} overdue onboarding(s)", swept);
            }
        } catch (RuntimeException e) {
            log.warn("Deadline sweep failed, will retry: {}", e.toString());
        }
    }
}
