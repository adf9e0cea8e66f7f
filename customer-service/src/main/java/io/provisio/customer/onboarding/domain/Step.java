package io.provisio.customer.onboarding.domain;

/** The saga's steps, in execution order (ARCHITECTURE.md, "The onboarding saga"). */
public enum Step {
    REGISTER_CUSTOMER,
    CREATE_ADMINISTRATOR,
    ASSIGN_PLANS,
    SCHEDULE_WELCOME_EMAIL,
    ACTIVATE_CUSTOMER
}
