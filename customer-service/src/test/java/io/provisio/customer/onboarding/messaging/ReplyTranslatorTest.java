package io.provisio.customer.onboarding.messaging;

import java.time.Instant;
import java.util.List;

import io.provisio.customer.contracts.CustomerActivated;
import io.provisio.customer.contracts.CustomerActivationRejected;
import io.provisio.customer.contracts.CustomerRegistrationRejected;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepReply;
import io.provisio.identity.contracts.AdministratorDeleted;
import io.provisio.notification.contracts.WelcomeEmailRejected;
import io.provisio.subscription.contracts.PlansAssigned;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every participant's reply, named by its registry, becomes the outcome the saga decides on; no broker. */
class ReplyTranslatorTest {

    @Test
    void readsEveryParticipantsRepliesUnderTheirWireNames() {
        assertThat(SagaMessages.REPLIES.byName()).containsKeys("CustomerRegistered", "CustomerActivationRejected",
                "AdministratorCreated", "PlansRejected", "WelcomeEmailCancelled");
        assertThat(SagaMessages.COMMANDS.byName()).containsKeys("RegisterCustomer", "CreateAdministrator",
                "AssignPlans", "ScheduleWelcomeEmail", "ValidatePlans");
    }

    @Test
    void failsActivateCustomerWhenItsActivationIsRejected() {
        StepReply reply = ReplyTranslator.toStepReply(Step.ACTIVATE_CUSTOMER,
                new CustomerActivationRejected("CUSTOMER_NOT_FOUND", "customer c-1 no longer exists"));

        assertThat(reply).isEqualTo(StepReply.failed(Step.ACTIVATE_CUSTOMER, "CUSTOMER_NOT_FOUND",
                "customer c-1 no longer exists"));
    }

    @Test
    void stillFailsActivateCustomerOnTheRegistrationRejectionOlderParticipantsAnswered() {
        StepReply reply = ReplyTranslator.toStepReply(Step.ACTIVATE_CUSTOMER,
                new CustomerRegistrationRejected("CUSTOMER_NOT_FOUND", "customer c-1 no longer exists"));

        assertThat(reply).isEqualTo(StepReply.failed(Step.ACTIVATE_CUSTOMER, "CUSTOMER_NOT_FOUND",
                "customer c-1 no longer exists"));
    }

    @Test
    void translatesSuccessesFailuresAndCompensationsOfEveryParticipant() {
        assertThat(ReplyTranslator.toStepReply(Step.ACTIVATE_CUSTOMER, new CustomerActivated("c-1", Instant.EPOCH)))
                .isEqualTo(StepReply.succeeded(Step.ACTIVATE_CUSTOMER));
        assertThat(ReplyTranslator.toStepReply(Step.ASSIGN_PLANS, new PlansAssigned("c-1", List.of())))
                .isEqualTo(StepReply.succeeded(Step.ASSIGN_PLANS));
        assertThat(ReplyTranslator.toStepReply(Step.SCHEDULE_WELCOME_EMAIL,
                new WelcomeEmailRejected("INVALID_RECIPIENT", "no address")))
                .isEqualTo(StepReply.failed(Step.SCHEDULE_WELCOME_EMAIL, "INVALID_RECIPIENT", "no address"));
        assertThat(ReplyTranslator.toStepReply(Step.CREATE_ADMINISTRATOR, new AdministratorDeleted("c-1")))
                .isEqualTo(StepReply.compensated(Step.CREATE_ADMINISTRATOR));
    }
}
