package io.provisio.customer.onboarding.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.provisio.customer.contracts.ActivateCustomer;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.onboarding.messaging.ParticipantCommands;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.DeleteAdministrator;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.ReleasePlans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.provisio.customer.onboarding.domain.Onboardings.T0;
import static io.provisio.customer.onboarding.domain.Onboardings.swedishCustomerWithHostedExchange;
import static io.provisio.customer.onboarding.domain.Step.ACTIVATE_CUSTOMER;
import static io.provisio.customer.onboarding.domain.Step.ASSIGN_PLANS;
import static io.provisio.customer.onboarding.domain.Step.CREATE_ADMINISTRATOR;
import static io.provisio.customer.onboarding.domain.Step.REGISTER_CUSTOMER;
import static io.provisio.customer.onboarding.domain.Step.SCHEDULE_WELCOME_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The saga's decisions, with no broker and no database. */
class OnboardingSagaTest {

    private static final String TOKEN = "q5WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2E";

    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);
    /** 10 s, 20 s, 40 s, ... as configured by default. */
    private static final Duration FIRST_RESEND = Duration.ofSeconds(10);

    private final OnboardingSaga saga = new OnboardingSaga(new SagaTimeouts() {
        @Override
        public Duration forStep(Step step) {
            return STEP_TIMEOUT;
        }

        @Override
        public Duration resendAfter(int sent) {
            return FIRST_RESEND.multipliedBy(1L << (sent - 1));
        }
    });

    private Onboarding onboarding;
    private Instant now;

    @BeforeEach
    void startOnboarding() {
        onboarding = swedishCustomerWithHostedExchange();
        now = T0;
    }

    @Test
    void startsByRegisteringTheCustomer() {
        Decision decision = saga.start(onboarding, now);

        assertThat(decision.commands()).singleElement().satisfies(command -> {
            assertThat(command.step()).isEqualTo(REGISTER_CUSTOMER);
            assertThat(command.compensation()).isFalse();
            assertThat(payloads(decision)).singleElement().isInstanceOfSatisfying(RegisterCustomer.class,
                    register -> assertThat(register.profile().accountName()).isEqualTo("testbolag"));
        });
        assertThat(onboarding.state(REGISTER_CUSTOMER).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(onboarding.deadline()).as("when the command is sent again").isEqualTo(T0.plus(FIRST_RESEND));
        assertThat(onboarding.state(REGISTER_CUSTOMER).giveUpAt()).isEqualTo(T0.plus(STEP_TIMEOUT));
        assertThat(onboarding.steps().subList(1, 5)).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.PENDING));
    }

    @Test
    void announcesTheDelegatedSetupWithTheCompletion() {
        onboarding = Onboardings.withSetupDelegatedToItsIt();
        saga.start(onboarding, now);
        for (Step step : List.of(REGISTER_CUSTOMER, CREATE_ADMINISTRATOR, ASSIGN_PLANS, SCHEDULE_WELCOME_EMAIL)) {
            succeed(step);
        }

        Decision completion = saga.onReply(onboarding, StepReply.succeeded(ACTIVATE_CUSTOMER), later());

        assertThat(completion.announcements()).containsExactly(new SagaOutcome.Completed("onb-1", "cus-1", now,
                new OnboardingRequest.Setup("DELEGATE", "it@testbolag.se", LocalDate.parse("2026-12-07")),
                List.of("CUSTOMER-PORTAL", "HOSTED-EXCHANGE")));
    }

    @Test
    void completesWhenEveryStepSucceedsInOrder() {
        saga.start(onboarding, now);

        assertThat(succeed(REGISTER_CUSTOMER)).singleElement().isInstanceOf(CreateAdministrator.class);
        assertThat(succeed(CREATE_ADMINISTRATOR)).singleElement().isInstanceOf(AssignPlans.class);
        assertThat(succeed(ASSIGN_PLANS)).singleElement().isInstanceOf(ScheduleWelcomeEmail.class);
        assertThat(succeed(SCHEDULE_WELCOME_EMAIL)).singleElement().isInstanceOf(ActivateCustomer.class);
        Decision completion = saga.onReply(onboarding, StepReply.succeeded(ACTIVATE_CUSTOMER), later());
        assertThat(completion.commands()).isEmpty();
        assertThat(completion.announcements()).containsExactly(new SagaOutcome.Completed("onb-1", "cus-1", now, null,
                List.of("CUSTOMER-PORTAL", "HOSTED-EXCHANGE")));

        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.COMPLETED);
        assertThat(onboarding.steps()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(s.startedAt()).isNotNull();
            assertThat(s.finishedAt()).isNotNull();
        });
        assertThat(onboarding.deadline()).isNull();
    }

    @Test
    void forwardsTheActivationTokenToTheWelcomeEmailAndThenForgetsIt() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        saga.onReply(onboarding, StepReply.administratorCreated(new AdministratorAccount("usr-1",
                "bengt.testsson@testbolag.se", true, TOKEN, now.plusSeconds(72 * 3600))), now);

        assertThat(succeed(ASSIGN_PLANS)).singleElement().isInstanceOfSatisfying(ScheduleWelcomeEmail.class,
                welcome -> {
                    assertThat(welcome.activationRequired()).isTrue();
                    assertThat(welcome.activationToken()).isEqualTo(TOKEN);
                    assertThat(welcome.upn()).isEqualTo("bengt.testsson@testbolag.se");
                    assertThat(welcome.administratorUserId()).isEqualTo("usr-1");
                    assertThat(welcome.partnerName()).isEqualTo("Nordic IT Partner AB");
                    assertThat(welcome.language()).isEqualTo("sv");
                    assertThat(welcome.companyName()).isEqualTo("Testbolag Göteborg AB");
                });
        // Kept while the command may have to be sent again, forgotten once the e-mails are scheduled.
        assertThat(onboarding.administrator().activationToken()).isEqualTo(TOKEN);
        succeed(SCHEDULE_WELCOME_EMAIL);
        assertThat(onboarding.administrator().activationToken()).isNull();
        assertThat(onboarding.activationRequired()).isTrue();
    }

    @Test
    void waitsForTheReplyThatCarriesTheActivationTokenWhenItsTokenlessCopyOvertakesIt() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        AdministratorAccount first = new AdministratorAccount("usr-1", "bengt.testsson@testbolag.se", true, TOKEN,
                now.plusSeconds(72 * 3600));

        // identity's answer to a duplicate command: its stored copy, without the token, on another consumer first.
        Decision copy = saga.onReply(onboarding, StepReply.administratorCreated(first.withoutToken()), later());
        assertThat(copy.changed()).isFalse();
        assertThat(onboarding.state(CREATE_ADMINISTRATOR).status()).isEqualTo(StepStatus.RUNNING);

        saga.onReply(onboarding, StepReply.administratorCreated(first), later());
        assertThat(succeed(ASSIGN_PLANS)).singleElement().isInstanceOfSatisfying(ScheduleWelcomeEmail.class,
                welcome -> assertThat(welcome.activationToken()).isEqualTo(TOKEN));
    }

    @Test
    void sendsThePasswordHashAgainWithAResentCommandAndForgetsItOnceTheAdministratorExists() {
        onboarding = Onboardings.withPassword("{bcrypt}$2a$10$hash");
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);

        Decision resent = saga.onDeadline(onboarding, now.plus(FIRST_RESEND), true);

        assertThat(payloads(resent)).singleElement().isInstanceOfSatisfying(CreateAdministrator.class,
                command -> assertThat(command.administrator().passwordHash()).isEqualTo("{bcrypt}$2a$10$hash"));
        succeed(CREATE_ADMINISTRATOR);
        assertThat(onboarding.request().administrator().passwordHash()).isNull();
    }

    @Test
    void forgetsTheActivationTokenWhenTheOnboardingFailsBeforeTheWelcomeEmail() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        saga.onReply(onboarding, StepReply.administratorCreated(new AdministratorAccount("usr-1",
                "bengt.testsson@testbolag.se", true, TOKEN, now.plusSeconds(72 * 3600))), now);

        saga.onReply(onboarding, StepReply.failed(ASSIGN_PLANS, "INSUFFICIENT_LICENSES", "no"), now);

        assertThat(onboarding.administrator().activationToken()).isNull();
    }


    @Test
    void compensatesCompletedStepsInReverseOrderWhenPlansAreRejected() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        succeed(CREATE_ADMINISTRATOR);

        Decision rejected = saga.onReply(onboarding, StepReply.failed(ASSIGN_PLANS, "INSUFFICIENT_LICENSES",
                "HOSTED-EXCHANGE: 600 units asked, 500 available"), later());

        assertThat(payloads(rejected)).containsExactly(new DeleteAdministrator("cus-1"));
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.COMPENSATING);
        assertThat(onboarding.failure()).isEqualTo(new Failure(ASSIGN_PLANS, "INSUFFICIENT_LICENSES",
                "HOSTED-EXCHANGE: 600 units asked, 500 available"));
        assertThat(onboarding.state(ASSIGN_PLANS).status()).isEqualTo(StepStatus.FAILED);
        assertThat(onboarding.state(ASSIGN_PLANS).error().code()).isEqualTo("INSUFFICIENT_LICENSES");
        assertThat(onboarding.state(SCHEDULE_WELCOME_EMAIL).status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(onboarding.state(ACTIVATE_CUSTOMER).status()).isEqualTo(StepStatus.SKIPPED);

        Decision lastButOne = saga.onReply(onboarding, StepReply.compensated(CREATE_ADMINISTRATOR), later());
        assertThat(payloads(lastButOne)).containsExactly(new DeleteCustomer("cus-1"));
        assertThat(lastButOne.announcements()).as("nothing announced while compensating").isEmpty();
        Decision failed = saga.onReply(onboarding, StepReply.compensated(REGISTER_CUSTOMER), later());
        assertThat(payloads(failed)).isEmpty();
        assertThat(failed.announcements()).containsExactly(new SagaOutcome.Failed("onb-1", "cus-1", ASSIGN_PLANS,
                "INSUFFICIENT_LICENSES", "HOSTED-EXCHANGE: 600 units asked, 500 available", now));

        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.FAILED);
        assertThat(onboarding.state(REGISTER_CUSTOMER).status()).isEqualTo(StepStatus.COMPENSATED);
        assertThat(onboarding.state(CREATE_ADMINISTRATOR).status()).isEqualTo(StepStatus.COMPENSATED);
        assertThat(onboarding.deadline()).isNull();
    }

    @Test
    void failsAtOnceWhenTheFirstStepIsRejected() {
        saga.start(onboarding, now);

        Decision decision = saga.onReply(onboarding, StepReply.failed(REGISTER_CUSTOMER, "ACCOUNT_NAME_TAKEN",
                "taken"), later());

        assertThat(decision.commands()).isEmpty();
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.FAILED);
        assertThat(decision.events()).hasAtLeastOneElementOfType(SagaEvent.SagaFinished.class);
    }

    @Test
    void ignoresADuplicateReply() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);

        Decision duplicate = saga.onReply(onboarding, StepReply.succeeded(REGISTER_CUSTOMER), later());

        assertThat(duplicate.changed()).isFalse();
        assertThat(duplicate.commands()).isEmpty();
        assertThat(onboarding.state(CREATE_ADMINISTRATOR).status()).isEqualTo(StepStatus.RUNNING);
    }

    @Test
    void ignoresAReplyForAStepThatIsNotWaiting() {
        saga.start(onboarding, now);

        assertThat(saga.onReply(onboarding, StepReply.succeeded(ASSIGN_PLANS), later()).changed()).isFalse();
        assertThat(saga.onReply(onboarding, StepReply.compensated(REGISTER_CUSTOMER), later()).changed()).isFalse();
        assertThat(onboarding.state(REGISTER_CUSTOMER).status()).isEqualTo(StepStatus.RUNNING);
    }

    @Test
    void sendsAnUnansweredCommandAgainWithBackOffBeforeGivingUp() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        succeed(CREATE_ADMINISTRATOR);
        Instant began = now;

        assertThat(saga.onDeadline(onboarding, began.plus(FIRST_RESEND).minusMillis(1), true).changed()).isFalse();
        Decision first = saga.onDeadline(onboarding, began.plus(FIRST_RESEND), true);
        assertThat(payloads(first)).singleElement().isInstanceOf(AssignPlans.class);
        assertThat(onboarding.state(ASSIGN_PLANS).attempts()).isEqualTo(2);
        assertThat(onboarding.deadline()).isEqualTo(began.plus(FIRST_RESEND).plusSeconds(20));
        Decision second = saga.onDeadline(onboarding, onboarding.deadline(), true);
        assertThat(payloads(second)).singleElement().isInstanceOf(AssignPlans.class);
        assertThat(onboarding.deadline()).isEqualTo(began.plusSeconds(10 + 20 + 40));
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.IN_PROGRESS);
        assertThat(onboarding.state(ASSIGN_PLANS).status()).isEqualTo(StepStatus.RUNNING);

        // A participant that answers late is still welcome.
        assertThat(succeed(ASSIGN_PLANS)).singleElement().isInstanceOf(ScheduleWelcomeEmail.class);
    }

    @Test
    void timesOutAStepOnlyAfterItsDeadlineAndUndoesItFirstBecauseItMayHaveActed() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        succeed(CREATE_ADMINISTRATOR);
        Instant giveUp = onboarding.state(ASSIGN_PLANS).giveUpAt();
        while (onboarding.deadline().isBefore(giveUp)) {
            assertThat(payloads(saga.onDeadline(onboarding, onboarding.deadline(), true)))
                    .singleElement().isInstanceOf(AssignPlans.class);
        }
        assertThat(onboarding.deadline()).as("the last wait ends at the step's deadline").isEqualTo(giveUp);

        now = giveUp;
        Decision timeout = saga.onDeadline(onboarding, now, true);

        assertThat(payloads(timeout)).containsExactly(new ReleasePlans("cus-1"));
        assertThat(onboarding.failure().code()).isEqualTo(StepError.STEP_TIMEOUT);
        assertThat(onboarding.failure().step()).isEqualTo(ASSIGN_PLANS);
        assertThat(onboarding.state(ASSIGN_PLANS).status()).isEqualTo(StepStatus.COMPENSATING);
        assertThat(onboarding.state(ASSIGN_PLANS).error().code()).isEqualTo(StepError.STEP_TIMEOUT);

        assertThat(saga.onReply(onboarding, StepReply.succeeded(ASSIGN_PLANS), later()).changed())
                .as("the step's late success changes nothing").isFalse();
        compensateBackFromAssignPlans();

        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.FAILED);
        assertThat(onboarding.state(ASSIGN_PLANS).status()).isEqualTo(StepStatus.COMPENSATED);
    }

    @Test
    void givesNothingUpRightAfterAStartSinceTheRepliesMayBeWaitingInTheQueue() {
        saga.start(onboarding, now);

        Decision resent = saga.onDeadline(onboarding, now.plus(STEP_TIMEOUT).plusSeconds(1), false);

        assertThat(payloads(resent)).singleElement().isInstanceOf(RegisterCustomer.class);
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.IN_PROGRESS);
    }

    @Test
    void neverTimesOutThePointOfNoReturnAndTriesItAgainWhenRefused() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        succeed(CREATE_ADMINISTRATOR);
        succeed(ASSIGN_PLANS);
        succeed(SCHEDULE_WELCOME_EMAIL);
        assertThat(onboarding.state(ACTIVATE_CUSTOMER).giveUpAt()).isNull();

        Decision muchLater = saga.onDeadline(onboarding, now.plus(Duration.ofDays(2)), true);
        assertThat(payloads(muchLater)).singleElement().isInstanceOf(ActivateCustomer.class);

        Decision refused = saga.onReply(onboarding,
                StepReply.failed(ACTIVATE_CUSTOMER, "CUSTOMER_NOT_FOUND", "gone"), later());
        assertThat(refused.commands()).as("sent again at its next deadline, not in a loop").isEmpty();
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.IN_PROGRESS);
        assertThat(onboarding.state(ACTIVATE_CUSTOMER).status()).isEqualTo(StepStatus.RUNNING);
        assertThat(onboarding.state(ACTIVATE_CUSTOMER).error().code()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(onboarding.state(SCHEDULE_WELCOME_EMAIL).status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(payloads(saga.onDeadline(onboarding, onboarding.deadline(), true)))
                .singleElement().isInstanceOf(ActivateCustomer.class);

        succeed(ACTIVATE_CUSTOMER);
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.COMPLETED);
    }

    @Test
    void resendsAnUnansweredCompensationUntilItIsAnswered() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        saga.onReply(onboarding, StepReply.failed(CREATE_ADMINISTRATOR, "ADMIN_EMAIL_IN_USE", "in use"), now);
        assertThat(onboarding.state(REGISTER_CUSTOMER).attempts()).isEqualTo(1);

        now = now.plus(FIRST_RESEND);
        Decision retry = saga.onDeadline(onboarding, now, true);

        assertThat(payloads(retry)).containsExactly(new DeleteCustomer("cus-1"));
        assertThat(onboarding.state(REGISTER_CUSTOMER).attempts()).isEqualTo(2);
        assertThat(onboarding.deadline()).isEqualTo(now.plusSeconds(20));
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.COMPENSATING);
        assertThat(payloads(saga.onDeadline(onboarding, now.plus(STEP_TIMEOUT.multipliedBy(10)), true)))
                .as("a compensation never gives up").containsExactly(new DeleteCustomer("cus-1"));
    }

    @Test
    void sendsTheWaitingCommandOrCompensationAgainWhenAnOperatorRetries() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);

        assertThat(payloads(saga.retryNow(onboarding, later()))).singleElement().isInstanceOf(CreateAdministrator.class);
        assertThat(onboarding.state(CREATE_ADMINISTRATOR).attempts()).isEqualTo(2);
        assertThat(onboarding.deadline()).as("the back-off goes on from the retry").isEqualTo(now.plusSeconds(20));

        saga.onReply(onboarding, StepReply.failed(CREATE_ADMINISTRATOR, "ADMIN_EMAIL_IN_USE", "in use"), later());
        assertThat(payloads(saga.retryNow(onboarding, later()))).containsExactly(new DeleteCustomer("cus-1"));

        saga.onReply(onboarding, StepReply.compensated(REGISTER_CUSTOMER), later());
        assertThat(saga.retryNow(onboarding, later()).changed()).as("nothing waits once it has failed").isFalse();
    }

    @Test
    void undoesEverythingDoneAndTheRunningStepWhenAnOperatorForcesCompensation() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        succeed(CREATE_ADMINISTRATOR);

        Decision aborted = saga.forceCompensation(onboarding, "compensated by an operator", later());

        // ASSIGN_PLANS never answered: it may have taken units, so it is undone first, as after a time-out.
        assertThat(payloads(aborted)).containsExactly(new ReleasePlans("cus-1"));
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.COMPENSATING);
        assertThat(onboarding.failure().code()).isEqualTo(StepError.OPERATOR_ABORTED);
        assertThat(onboarding.failure().step()).isEqualTo(ASSIGN_PLANS);
        assertThat(OnboardingSaga.mayForceCompensation(onboarding)).as("once is enough").isFalse();
        compensateBackFromAssignPlans();
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.FAILED);
    }

    @Test
    void neverForcesCompensationOncePastThePointOfNoReturn() {
        saga.start(onboarding, now);
        succeed(REGISTER_CUSTOMER);
        succeed(CREATE_ADMINISTRATOR);
        succeed(ASSIGN_PLANS);
        assertThat(OnboardingSaga.mayForceCompensation(onboarding)).isTrue();
        succeed(SCHEDULE_WELCOME_EMAIL);

        assertThat(OnboardingSaga.mayForceCompensation(onboarding)).isFalse();
        assertThatThrownBy(() -> saga.forceCompensation(onboarding, "too late", later()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(onboarding.status()).isEqualTo(OnboardingStatus.IN_PROGRESS);
        assertThat(payloads(saga.retryNow(onboarding, later()))).singleElement().isInstanceOf(ActivateCustomer.class);
    }

    @Test
    void refusesTransitionsTheStateMachineDoesNotHave() {
        saga.start(onboarding, now);

        assertThatThrownBy(() -> onboarding.complete(now)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> onboarding.compensated(REGISTER_CUSTOMER, now))
                .isInstanceOf(IllegalStateException.class);
    }

    /** ASSIGN_PLANS' undo answered: the administrator's undo, then the customer's, each once the one before answered. */
    private void compensateBackFromAssignPlans() {
        assertThat(payloads(saga.onReply(onboarding, StepReply.compensated(ASSIGN_PLANS), later())))
                .containsExactly(new DeleteAdministrator("cus-1"));
        assertThat(payloads(saga.onReply(onboarding, StepReply.compensated(CREATE_ADMINISTRATOR), later())))
                .containsExactly(new DeleteCustomer("cus-1"));
        saga.onReply(onboarding, StepReply.compensated(REGISTER_CUSTOMER), later());
    }

    private List<Object> succeed(Step step) {
        return payloads(saga.onReply(onboarding, StepReply.succeeded(step), later()));
    }

    private Instant later() {
        now = now.plusSeconds(1);
        return now;
    }

    /** The commands as the participants get them, built from the onboarding as it would be stored with them. */
    private List<Object> payloads(Decision decision) {
        return decision.commands().stream().map(command -> ParticipantCommands.of(onboarding, command).payload())
                .toList();
    }
}
