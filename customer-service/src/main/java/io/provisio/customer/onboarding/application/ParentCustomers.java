package io.provisio.customer.onboarding.application;

import java.util.Optional;

/** The customers an onboarding may name as its parent: live, of the same partner, with room below them. */
public interface ParentCustomers {

    /** What a child inherits from its parent. */
    record Parent(String locale, String businessType, String emergencyContactEmail) {
    }

    /** Empty when the customer does not exist, belongs to another partner, is not live, or is 5 levels deep. */
    Optional<Parent> acceptingChildren(String partnerId, String customerId);
}
