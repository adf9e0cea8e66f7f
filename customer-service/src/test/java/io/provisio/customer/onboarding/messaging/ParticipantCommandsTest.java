package io.provisio.customer.onboarding.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.contracts.Setup;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingSaga;
import io.provisio.customer.onboarding.domain.SagaCommand;
import io.provisio.customer.onboarding.domain.SagaOutcome;
import io.provisio.customer.onboarding.domain.SagaTimeouts;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepReply;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.DeleteAdministrator;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.ReleasePlans;
import io.provisio.subscription.contracts.SubscriptionChannels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The orchestrator's model in the participants' words: every field of every command and event, so that a field
 * dropped or swapped in the translation (the saga's own tests only see the steps) fails here.
 */
class ParticipantCommandsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant SEND_AT = Instant.parse("2026-12-03T07:00:00Z");
    private static final OnboardingRequest.Setup SETUP =
            new OnboardingRequest.Setup("DELEGATE", "it@testbolag.se", LocalDate.parse("2026-12-07"));

    private final Onboarding onboarding = Onboarding.create("onb-1", "nordic-it", "cus-1", null,
            new OnboardingRequest(
                    new OnboardingRequest.Customer("testbolag", "Testbolag Göteborg AB", "OIP-10042", "cus-parent",
                            new OnboardingRequest.Address("Kungsgatan 12", "Göteborg", "Västra Götaland", "411 19",
                                    "SE"), "PROFESSIONAL_SERVICES", "STANDARD", "BASIC", "sv-SE",
                            List.of("testbolag.se"), "driftlarm@testbolag.se", SETUP),
                    new OnboardingRequest.Administrator("bengt.testsson", "Bengt", "Testsson", "Bengt Testsson",
                            "bengt.testsson@testbolag.se", "{argon2}hash", "+46 31 123", "IT-ansvarig", "IT"),
                    List.of(new OnboardingRequest.Contact("SITE_ADMIN", "Åsa Öberg", "asa.oberg@testbolag.se",
                            "+46 70 1")),
                    List.of(new OnboardingRequest.Plan("HOSTED-EXCHANGE", 10, LocalDate.parse("2026-12-01"))),
                    true,
                    new OnboardingRequest.WelcomeEmail(SEND_AT, "sv", "Nordic IT Partner AB")),
            T0);

    @Test
    void registersTheCustomerWithEveryFieldOfItsProfile() {
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.action(Step.REGISTER_CUSTOMER))).isEqualTo(
                new ParticipantCommands.WireCommand(CustomerChannels.COMMANDS, new RegisterCustomer("cus-1",
                        new CustomerProfile("testbolag", "Testbolag Göteborg AB", "OIP-10042", "cus-parent",
                                new Address("Kungsgatan 12", "Göteborg", "Västra Götaland", "411 19", "SE"),
                                "PROFESSIONAL_SERVICES", "STANDARD", "BASIC", "sv-SE", List.of("testbolag.se"),
                                "driftlarm@testbolag.se",
                                new Setup("DELEGATE", "it@testbolag.se", LocalDate.parse("2026-12-07"))))));
    }

    @Test
    void createsTheAdministratorWithTheHashContactsAndLanguage() {
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.action(Step.CREATE_ADMINISTRATOR))).isEqualTo(
                new ParticipantCommands.WireCommand(IdentityChannels.COMMANDS, new CreateAdministrator("cus-1",
                        "testbolag", "Testbolag Göteborg AB", List.of("testbolag.se"),
                        new Administrator("bengt.testsson", "Bengt", "Testsson", "Bengt Testsson",
                                "bengt.testsson@testbolag.se", "{argon2}hash", "+46 31 123", "IT-ansvarig", "IT"),
                        List.of(new SupportContact("SITE_ADMIN", "Åsa Öberg", "asa.oberg@testbolag.se", "+46 70 1")),
                        "sv", SEND_AT)));
    }

    @Test
    void assignsThePlansAsAsked() {
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.action(Step.ASSIGN_PLANS))).isEqualTo(
                new ParticipantCommands.WireCommand(SubscriptionChannels.COMMANDS, new AssignPlans("cus-1",
                        List.of(new PlanRequest("HOSTED-EXCHANGE", 10, LocalDate.parse("2026-12-01"))), true)));
    }

    @Test
    void schedulesTheWelcomeEmailWithWhatIdentityAnswered() {
        OnboardingSaga saga = new OnboardingSaga(new SagaTimeouts() {
            @Override
            public Duration forStep(Step step) {
                return Duration.ofMinutes(5);
            }

            @Override
            public Duration resendAfter(int sent) {
                return Duration.ofSeconds(5);
            }
        });
        saga.start(onboarding, T0);
        saga.onReply(onboarding, StepReply.succeeded(Step.REGISTER_CUSTOMER), T0);
        AdministratorAccount account = new AdministratorAccount("usr-1", "bengt.testsson@testbolag.provisio.cloud",
                true, "token-1", T0.plusSeconds(3600));
        saga.onReply(onboarding, StepReply.administratorCreated(account), T0);

        assertThat(ParticipantCommands.of(onboarding, SagaCommand.action(Step.SCHEDULE_WELCOME_EMAIL))).isEqualTo(
                new ParticipantCommands.WireCommand(NotificationChannels.COMMANDS, new ScheduleWelcomeEmail("cus-1",
                        "bengt.testsson@testbolag.se", "Bengt Testsson", "sv", SEND_AT, "Testbolag Göteborg AB",
                        "testbolag", true, "Nordic IT Partner AB", "bengt.testsson@testbolag.provisio.cloud",
                        "token-1", T0.plusSeconds(3600), "usr-1")));
    }

    @Test
    void undoesEachStepAtItsOwner() {
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.compensation(Step.REGISTER_CUSTOMER)))
                .isEqualTo(new ParticipantCommands.WireCommand(CustomerChannels.COMMANDS, new DeleteCustomer("cus-1")));
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.compensation(Step.CREATE_ADMINISTRATOR)))
                .isEqualTo(new ParticipantCommands.WireCommand(IdentityChannels.COMMANDS,
                        new DeleteAdministrator("cus-1")));
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.compensation(Step.ASSIGN_PLANS)))
                .isEqualTo(new ParticipantCommands.WireCommand(SubscriptionChannels.COMMANDS,
                        new ReleasePlans("cus-1")));
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.compensation(Step.SCHEDULE_WELCOME_EMAIL)))
                .isEqualTo(new ParticipantCommands.WireCommand(NotificationChannels.COMMANDS,
                        new CancelWelcomeEmail("cus-1")));
        assertThat(ParticipantCommands.of(onboarding, SagaCommand.action(Step.ACTIVATE_CUSTOMER)))
                .isEqualTo(new ParticipantCommands.WireCommand(CustomerChannels.COMMANDS,
                        new ActivateCustomer("cus-1")));
        assertThatThrownBy(() -> ParticipantCommands.of(onboarding, SagaCommand.compensation(Step.ACTIVATE_CUSTOMER)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void announcesTheOutcomeAsTheCustomerContractsEvent() {
        assertThat(ParticipantCommands.eventOf(new SagaOutcome.Completed("onb-1", "cus-1", T0, SETUP,
                List.of("HOSTED-EXCHANGE")))).isEqualTo(new OnboardingCompleted("onb-1", "cus-1", T0,
                new Setup("DELEGATE", "it@testbolag.se", LocalDate.parse("2026-12-07")), List.of("HOSTED-EXCHANGE")));
        assertThat(ParticipantCommands.eventOf(new SagaOutcome.Failed("onb-1", "cus-1", Step.ASSIGN_PLANS,
                "INSUFFICIENT_LICENSES", "HOSTED-EXCHANGE: 600 units asked, 500 available", T0))).isEqualTo(
                new OnboardingFailed("onb-1", "cus-1", "ASSIGN_PLANS", "INSUFFICIENT_LICENSES",
                        "HOSTED-EXCHANGE: 600 units asked, 500 available", T0));
        assertThat(ParticipantCommands.eventOf(new SagaOutcome.Failed("onb-1", "cus-1", null, "OPERATOR_ABORTED",
                "by hand", T0))).isEqualTo(new OnboardingFailed("onb-1", "cus-1", null, "OPERATOR_ABORTED",
                "by hand", T0));
    }
}
