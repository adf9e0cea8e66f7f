package io.provisio.platform.web;

import java.util.List;
import java.util.regex.Pattern;

/** Field rules any service's hand-written validation shares; each adds to the list, so every mistake is reported. */
public final class FieldRules {

    /** Something before and after one {@code @}, a dot in the domain, no spaces: deliverable enough to try. */
    public static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private FieldRules() {
    }

    /** A required e-mail address of at most 254 characters (RFC 5321's path limit). */
    public static void email(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 254 || !EMAIL.matcher(value.trim()).matches()) {
            errors.add(new FieldError(field, "must be a valid e-mail address"));
        }
    }
}
