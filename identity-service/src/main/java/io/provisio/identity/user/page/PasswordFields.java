package io.provisio.identity.user.page;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.provisio.passwords.PasswordPolicy;

/**
 * The password part of a page's model, the same on the activation, setup and staff invitation pages: every rule of
 * the one policy as the page lists it (failed only once a password was judged), whether the two entries differ, and
 * the policy's bounds.
 */
public final class PasswordFields {

    /** One rule of the policy as the page lists it; {@code failed} only once a password was judged. */
    public record RuleLine(String id, String key, boolean failed) {
    }

    private PasswordFields() {
    }

    public static void put(Map<String, Object> model, List<PasswordPolicy.Rule> failures, boolean judged,
                           boolean mismatch) {
        model.put("rules", Arrays.stream(PasswordPolicy.Rule.values())
                .map(rule -> new RuleLine(rule.name(), "rule." + rule.name(), judged && failures.contains(rule)))
                .toList());
        model.put("judged", judged);
        model.put("mismatch", mismatch);
        model.put("minLength", PasswordPolicy.MIN_LENGTH);
        model.put("maxBytes", PasswordPolicy.MAX_BYTES);
    }
}
