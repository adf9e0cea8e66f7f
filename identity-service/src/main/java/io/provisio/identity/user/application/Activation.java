package io.provisio.identity.user.application;

/** {@code POST /api/v1/activation}: the link's token and the password the person chose. */
public record Activation(String token, String password) {

    /** Never prints either. */
    @Override
    public String toString() {
        return "Activation[]";
    }
}
