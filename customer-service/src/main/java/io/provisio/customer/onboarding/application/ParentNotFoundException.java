package io.provisio.customer.onboarding.application;

/** The named parent is no customer of this partner that may have children; another partner's is the same. */
public class ParentNotFoundException extends RuntimeException {

    public ParentNotFoundException(String parentCustomerId) {
        super("parent customer " + parentCustomerId + " not found");
    }
}
