package io.provisio.identity.staff.domain;

/** Where a staff account stands; only an ACTIVE member signs in. */
public enum StaffStatus {

    /** Invited by e-mail, no password yet: the invitation link sets one. */
    INVITED,
    /** Signs in to the console. */
    ACTIVE,
    /** Kept (its name stays taken) but refused at sign-in; an admin may enable it again. */
    DISABLED
}
