package io.provisio.customer.onboarding.messaging;

import io.provisio.customer.contracts.CustomerActivated;
import io.provisio.customer.contracts.CustomerActivationRejected;
import io.provisio.customer.contracts.CustomerDeleted;
import io.provisio.customer.contracts.CustomerRegistered;
import io.provisio.customer.contracts.CustomerRegistrationRejected;
import io.provisio.customer.contracts.CustomerReply;
import io.provisio.customer.onboarding.application.OnboardingService;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepReply;
import io.provisio.identity.contracts.AdministratorCreated;
import io.provisio.identity.contracts.AdministratorDeleted;
import io.provisio.identity.contracts.AdministratorRejected;
import io.provisio.identity.contracts.IdentityReply;
import io.provisio.notification.contracts.NotificationReply;
import io.provisio.notification.contracts.WelcomeEmailCancelled;
import io.provisio.notification.contracts.WelcomeEmailRejected;
import io.provisio.notification.contracts.WelcomeEmailScheduled;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.contracts.PlansRejected;
import io.provisio.subscription.contracts.PlansReleased;
import io.provisio.subscription.contracts.SubscriptionReply;
import org.springframework.stereotype.Component;

/**
 * {@code saga-replies}: turns each participant's reply into the outcome the saga decides on. One switch per
 * participant's sealed replies, so a reply type added to a contract does not compile until it is decided here.
 */
@Component
class ReplyTranslator {

    private final OnboardingService onboardings;

    ReplyTranslator(OnboardingService onboardings) {
        this.onboardings = onboardings;
    }

    void handle(Envelope envelope, Object reply) {
        if (envelope.sagaId() == null || envelope.step() == null) {
            throw new MalformedMessageException(envelope.type() + " without saga id or step");
        }
        Step step;
        try {
            step = Step.valueOf(envelope.step());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("unknown step " + envelope.step());
        }
        onboardings.onReply(envelope.sagaId(), envelope.partnerId(), toStepReply(step, reply));
    }

    static StepReply toStepReply(Step step, Object reply) {
        return switch (reply) {
            case CustomerReply customer -> fromCustomer(step, customer);
            case IdentityReply identity -> fromIdentity(step, identity);
            case SubscriptionReply subscription -> fromSubscription(step, subscription);
            case NotificationReply notification -> fromNotification(step, notification);
            // SagaMessages.REPLIES decodes nothing else.
            default -> throw new MalformedMessageException("not a saga reply: " + reply.getClass().getName());
        };
    }

    private static StepReply fromCustomer(Step step, CustomerReply reply) {
        return switch (reply) {
            case CustomerRegistered registered -> StepReply.succeeded(step);
            case CustomerActivated activated -> StepReply.succeeded(step);
            // Before ADR 020 a refused ACTIVATE_CUSTOMER answered this too; the step says which one failed.
            case CustomerRegistrationRejected rejected -> StepReply.failed(step, rejected.code(), rejected.message());
            case CustomerActivationRejected rejected -> StepReply.failed(step, rejected.code(), rejected.message());
            case CustomerDeleted deleted -> StepReply.compensated(step);
        };
    }

    private static StepReply fromIdentity(Step step, IdentityReply reply) {
        return switch (reply) {
            case AdministratorCreated created -> StepReply.administratorCreated(new AdministratorAccount(
                    created.userId(), created.upn(), created.activationRequired(), created.activationToken(),
                    created.activationExpiresAt()));
            case AdministratorRejected rejected -> StepReply.failed(step, rejected.code(), rejected.message());
            case AdministratorDeleted deleted -> StepReply.compensated(step);
        };
    }

    private static StepReply fromSubscription(Step step, SubscriptionReply reply) {
        return switch (reply) {
            case PlansAssigned assigned -> StepReply.succeeded(step);
            case PlansRejected rejected -> StepReply.failed(step, rejected.code(), rejected.message());
            case PlansReleased released -> StepReply.compensated(step);
        };
    }

    private static StepReply fromNotification(Step step, NotificationReply reply) {
        return switch (reply) {
            case WelcomeEmailScheduled scheduled -> StepReply.succeeded(step);
            case WelcomeEmailRejected rejected -> StepReply.failed(step, rejected.code(), rejected.message());
            case WelcomeEmailCancelled cancelled -> StepReply.compensated(step);
        };
    }
}
