package io.provisio.customer.onboarding.messaging;

import io.provisio.customer.contracts.CustomerRegistrationRejected;
import io.provisio.customer.onboarding.application.OnboardingService;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepReply;
import io.provisio.identity.contracts.AdministratorCreated;
import io.provisio.identity.contracts.AdministratorRejected;
import io.provisio.notification.contracts.WelcomeEmailRejected;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.subscription.contracts.PlansRejected;
import org.springframework.stereotype.Component;

/** Turns each participant's reply type into the outcome the saga decides on. */
@Component
class ReplyTranslator {

    private final MessageCodec codec;
    private final OnboardingService onboardings;

    ReplyTranslator(MessageCodec codec, OnboardingService onboardings) {
        this.codec = codec;
        this.onboardings = onboardings;
    }

    void handle(Envelope reply) {
        if (reply.sagaId() == null || reply.step() == null) {
            throw new MalformedMessageException(reply.type() + " without saga id or step");
        }
        Step step;
        try {
            step = Step.valueOf(reply.step());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("unknown step " + reply.step());
        }
        onboardings.onReply(reply.sagaId(), reply.partnerId(), toStepReply(step, reply));
    }

    private StepReply toStepReply(Step step, Envelope reply) {
        return switch (reply.type()) {
            case "CustomerRegistered", "PlansAssigned", "WelcomeEmailScheduled", "CustomerActivated" ->
                    StepReply.succeeded(step);
            case "AdministratorCreated" -> {
                AdministratorCreated created = codec.payload(reply, AdministratorCreated.class);
                yield StepReply.administratorCreated(new AdministratorAccount(created.userId(), created.upn(),
                        created.activationRequired(), created.activationToken(), created.activationExpiresAt()));
            }
            case "CustomerRegistrationRejected" -> {
                CustomerRegistrationRejected r = codec.payload(reply, CustomerRegistrationRejected.class);
                yield StepReply.failed(step, r.code(), r.message());
            }
            case "AdministratorRejected" -> {
                AdministratorRejected r = codec.payload(reply, AdministratorRejected.class);
                yield StepReply.failed(step, r.code(), r.message());
            }
            case "PlansRejected" -> {
                PlansRejected r = codec.payload(reply, PlansRejected.class);
                yield StepReply.failed(step, r.code(), r.message());
            }
            case "WelcomeEmailRejected" -> {
                WelcomeEmailRejected r = codec.payload(reply, WelcomeEmailRejected.class);
                yield StepReply.failed(step, r.code(), r.message());
            }
            case "CustomerDeleted", "AdministratorDeleted", "PlansReleased", "WelcomeEmailCancelled" ->
                    StepReply.compensated(step);
            default -> throw new MalformedMessageException("unknown reply type " + reply.type());
        };
    }
}
