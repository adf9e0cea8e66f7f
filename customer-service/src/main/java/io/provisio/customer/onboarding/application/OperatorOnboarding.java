package io.provisio.customer.onboarding.application;

/** An onboarding as the operator's list shows it: with the partner it belongs to. */
public record OperatorOnboarding(String partnerId, OnboardingSummary onboarding) {
}
