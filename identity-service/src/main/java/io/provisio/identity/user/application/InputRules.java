package io.provisio.identity.user.application;

import java.util.List;
import java.util.regex.Pattern;

import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.FieldRules;

/** Field rules shared by users and contacts; each adds to the list so every mistake is reported at once. */
final class InputRules {

    static final Pattern USERNAME = Pattern.compile("^[a-z0-9._-]{1,64}$");

    private InputRules() {
    }

    static void required(List<FieldError> errors, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static void optional(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    static void email(List<FieldError> errors, String field, String value) {
        FieldRules.email(errors, field, value);
    }
}
