package io.provisio.notification.webhook.application;

import java.util.LinkedHashMap;
import java.util.Map;
import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.identity.contracts.ActivationLinkRequested;
import io.provisio.notification.email.application.WelcomeEmails;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.subscription.contracts.SubscriptionActivated;
import org.springframework.stereotype.Service;

/**
 * The other services' events as webhook events: which type, which {@code data}. Each is handed the source message's
 * id, so a redelivery finds the deliveries it wrote. Nothing here fires for an onboarding that may still be rolled
 * back: OnboardingCompleted is announced only once ACTIVATE_CUSTOMER, the pivot, is done.
 */
@Service
public class WebhookEvents {

    private final Webhooks webhooks;
    private final CustomerProfileStore profiles;
    private final WelcomeEmails emails;

    WebhookEvents(Webhooks webhooks, CustomerProfileStore profiles, WelcomeEmails emails) {
        this.webhooks = webhooks;
        this.profiles = profiles;
        this.emails = emails;
    }

    public void onboardingCompleted(String partnerId, String messageId, OnboardingCompleted event) {
        requireScope(partnerId, messageId, "OnboardingCompleted");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("onboardingId", event.onboardingId());
        data.put("customerId", event.customerId());
        webhooks.announce(partnerId, messageId, WebhookEventType.ONBOARDING_COMPLETED, event.completedAt(), data);
        // Called after the held e-mails were released: a subscription.started that looked at them before that
        // release and chose to hold is found here, or sees the release itself (subscriptionStarted).
        if (event.customerId() != null) {
            webhooks.releaseHeld(partnerId, event.customerId());
        }
    }

    /** Announced by the orchestrator with the FAILED state, after compensation: nothing of it is left to undo. */
    public void onboardingFailed(String partnerId, String messageId, OnboardingFailed event) {
        requireScope(partnerId, messageId, "OnboardingFailed");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("onboardingId", event.onboardingId());
        data.put("customerId", event.customerId());
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("step", event.step());
        failure.put("code", event.code());
        failure.put("message", event.message());
        data.put("failure", failure);
        webhooks.announce(partnerId, messageId, WebhookEventType.ONBOARDING_FAILED, event.failedAt(), data);
        if (event.customerId() != null) {
            webhooks.abandonHeld(partnerId, event.customerId());
        }
    }

    /** Called only for the event that is the customer's latest record (SuspensionHolds decides). */
    public void customerStatusChanged(String partnerId, String messageId, CustomerStatusChanged change) {
        requireScope(partnerId, messageId, "CustomerStatusChanged");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", change.customerId());
        data.put(change.suspended() ? "suspendedAt" : "resumedAt", change.at().toString());
        webhooks.announce(partnerId, messageId, change.suspended() ? WebhookEventType.CUSTOMER_SUSPENDED
                : WebhookEventType.CUSTOMER_RESUMED, change.at(), data);
    }

    public void subscriptionStarted(String partnerId, String messageId, SubscriptionActivated event) {
        requireScope(partnerId, messageId, "SubscriptionActivated");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", event.customerId());
        data.put("subscriptionId", event.subscriptionId());
        data.put("planCode", event.planCode());
        data.put("units", event.units());
        data.put("startDate", event.startDate() == null ? null : event.startDate().toString());
        // A plan that starts during its onboarding (ASSIGN_PLANS, before the pivot) is announced only once the
        // onboarding completed, and never if it is rolled back: the same rule as its e-mail.
        boolean onboarding = onboardingInProgress(partnerId, event.customerId());
        webhooks.announce(partnerId, messageId, WebhookEventType.SUBSCRIPTION_STARTED, event.billingStartedAt(), data,
                onboarding);
        if (onboarding && !onboardingInProgress(partnerId, event.customerId())) {
            webhooks.releaseHeld(partnerId, event.customerId()); // it completed between our look and our write
        }
    }

    public void activationRequested(String partnerId, String messageId, ActivationLinkRequested event) {
        requireScope(partnerId, messageId, "ActivationLinkRequested");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("customerId", event.customerId());
        data.put("userId", event.userId());
        data.put("linkExpiredAt", event.linkExpiredAt() == null ? null : event.linkExpiredAt().toString());
        webhooks.announce(partnerId, messageId, WebhookEventType.ACTIVATION_REQUESTED, event.requestedAt(), data);
    }

    /**
     * Whether the customer's onboarding may still be rolled back: the welcome step has not told us of the customer
     * yet (ASSIGN_PLANS comes before it), or its WELCOME e-mail is still HELD for the onboarding.
     */
    private boolean onboardingInProgress(String partnerId, String customerId) {
        return customerId != null && (profiles.find(partnerId, customerId).isEmpty()
                || emails.heldForOnboarding(partnerId, customerId));
    }

    private static void requireScope(String partnerId, String messageId, String what) {
        if (partnerId == null || messageId == null) {
            throw new MalformedMessageException(what + " without partner or message id: no webhook can be scoped");
        }
    }
}
