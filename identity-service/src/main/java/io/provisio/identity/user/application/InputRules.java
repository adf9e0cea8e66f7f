package io.provisio.identity.user.application;

import java.util.List;
import java.util.regex.Pattern;

import io.provisio.platform.web.FieldError;

/**
 * Field rules shared by users, contacts and partners; each adds to the list so every mistake is reported at once.
 */
public final class InputRules {

    static final Pattern USERNAME = Pattern.compile("^[a-z0-9._-]{1,64}$");
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

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

    public static void email(List<FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > 254 || !EMAIL.matcher(value.trim()).matches()) {
            errors.add(new FieldError(field, "must be a valid e-mail address"));
        }
    }
}
