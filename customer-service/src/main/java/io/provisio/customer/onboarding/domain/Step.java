package io.provisio.customer.onboarding.domain;

import java.util.List;
import java.util.stream.Stream;

/**
 * The saga's steps, in execution order (ARCHITECTURE.md, "The onboarding saga"), each with the failure codes its
 * owner answers (API.md's business failure codes and the owner's own), and STEP_TIMEOUT and OPERATOR_ABORTED for
 * every step before the point of no return. The list is what the metrics register at zero; a code not listed still fails the step.
 */
public enum Step {
    REGISTER_CUSTOMER("ACCOUNT_NAME_TAKEN", "PARENT_NOT_FOUND", "DOMAIN_TAKEN", "SUBDOMAIN_TAKEN"),
    CREATE_ADMINISTRATOR("ADMIN_EMAIL_IN_USE", "USERNAME_TAKEN"),
    ASSIGN_PLANS("PLAN_NOT_FOUND", "PLAN_REQUIREMENT_MISSING", "INSUFFICIENT_LICENSES", "PAID_PLANS_NOT_ACCEPTED",
            "UNITS_OUT_OF_RANGE", "DUPLICATE_PLAN"),
    SCHEDULE_WELCOME_EMAIL("INVALID_RECIPIENT"),
    /** The point of no return: it has no deadline and never fails the saga ({@link OnboardingSaga#PIVOT}). */
    ACTIVATE_CUSTOMER;

    private final List<String> rejections;

    Step(String... rejections) {
        this.rejections = List.of(rejections);
    }

    /**
     * How this step can fail the saga: its owner's rejections, a time-out, and an operator's forced compensation,
     * unless it is the pivot.
     */
    public List<String> failureCodes() {
        if (this == OnboardingSaga.PIVOT) {
            return List.of();
        }
        return Stream.concat(rejections.stream(), Stream.of(StepError.STEP_TIMEOUT, StepError.OPERATOR_ABORTED))
                .toList();
    }
}
