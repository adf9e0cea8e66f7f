package io.provisio.identity.user.domain;

/** Removing the contact would leave the organization without a contact of a kind it must have. */
public final class LastRequiredContactException extends RuntimeException {

    private final ContactKind kind;

    public LastRequiredContactException(ContactKind kind) {
        super("the organization must keep at least one " + kind + " contact");
        this.kind = kind;
    }

    public ContactKind kind() {
        return kind;
    }
}
