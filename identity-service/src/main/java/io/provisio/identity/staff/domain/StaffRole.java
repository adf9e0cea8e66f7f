package io.provisio.identity.staff.domain;

import java.util.Arrays;

/** What a staff member may do in the console (issue 14). */
public enum StaffRole {

    /** Manages the partner's staff and webhooks, and everything an agent does. */
    PARTNER_ADMIN,
    /** Onboards and manages the partner's customers. */
    PARTNER_AGENT;

    /** @throws IllegalArgumentException for a role Provisio does not know */
    public static StaffRole of(String value) {
        return Arrays.stream(values()).filter(role -> role.name().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown staff role '" + value + "', expected one of "
                        + Arrays.toString(values())));
    }
}
