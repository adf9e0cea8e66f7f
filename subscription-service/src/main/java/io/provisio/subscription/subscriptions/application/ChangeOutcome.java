package io.provisio.subscription.subscriptions.application;

import io.provisio.subscription.subscriptions.domain.Subscription;

/** How a change asked through the API went; the web layer turns each refusal into its problem. */
public sealed interface ChangeOutcome {

    record Done(Subscription subscription) implements ChangeOutcome {
    }

    /** Not the partner's customer or subscription, or not there: 404 either way. */
    record NotFound() implements ChangeOutcome {
    }

    /** The request breaks a rule of the plan or catalogue (400, every field at once). */
    record Invalid(java.util.List<io.provisio.platform.web.FieldError> errors) implements ChangeOutcome {
    }

    /** A business conflict (409) with its stable code, e.g. INSUFFICIENT_LICENSES. */
    record Conflict(String code, String message) implements ChangeOutcome {
    }
}
