package io.provisio.customer.onboarding.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.customer.onboarding.application.AccountNameTakenException;
import io.provisio.customer.onboarding.application.IdempotencyKey;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.application.OperatorOnboarding;
import io.provisio.customer.onboarding.domain.AdministratorAccount;
import io.provisio.customer.onboarding.domain.Failure;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingRequest;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.SagaCommand;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.customer.onboarding.domain.StepError;
import io.provisio.customer.onboarding.domain.StepState;
import io.provisio.customer.onboarding.domain.StepStatus;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.json.JsonMapper;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The documents of {@code onboardings}, read raw: the field names, value types (instants as dates, the request as
 * the JSON the saga always kept, with its days and instants as text), the steps, failure and administrator as nested
 * documents with their nulls, the reservation and idempotency keys, no type hint ({@code _class}); and documents of
 * that shape, also ones written before the administrator's account and the steps' giving up were kept, read back
 * whole. Deadlines lie a year ahead, so the running saga's sweep leaves these onboardings alone.
 */
@SpringBootTest
@AutoConfigureMockMvc // not used here: it lets this class share the other ITs' application context
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class StoredShapeIT {

    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final Instant REGISTERED = Instant.parse("2026-12-02T10:00:01.456Z");
    private static final Instant FAILED = Instant.parse("2026-12-02T10:05:00.789Z");
    private static final Instant RESEND = Instant.parse("2027-12-02T10:00:00Z");
    private static final Instant GIVE_UP = Instant.parse("2027-12-03T10:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-09T10:00:00.001Z");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Autowired
    MongoOnboardingRepository onboardings;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    @Test
    void anOnboardingFromItsInsertToItsFailure() {
        String partnerId = "shape-" + UUID.randomUUID();
        String id = "onb-" + UUID.randomUUID();
        String account = "shape-" + UUID.randomUUID().toString().substring(0, 8);
        OnboardingRequest request = request(account);
        AdministratorAccount administrator = new AdministratorAccount("usr-1", "bengt@" + account + ".se", true,
                "secret-token", EXPIRES);
        Onboarding running = new Onboarding(id, partnerId, "cus-" + id, TRACEPARENT, request,
                OnboardingStatus.IN_PROGRESS, steps(
                        new StepState(Step.REGISTER_CUSTOMER, StepStatus.SUCCEEDED, CREATED, REGISTERED, null, null,
                                null, 1),
                        new StepState(Step.CREATE_ADMINISTRATOR, StepStatus.RUNNING, REGISTERED, null, null, RESEND,
                                GIVE_UP, 2)),
                null, administrator, CREATED, REGISTERED, -1);

        onboardings.insert(running, List.of(SagaCommand.action(Step.CREATE_ADMINISTRATOR)),
                new IdempotencyKey("key-" + id, "hmac-sha256:abc", "legacy"));
        Document inserted = stored(id);
        assertThat(inserted.get("outbox")).as("the command, or nothing once it left").isInstanceOf(List.class);
        assertThat(inserted).doesNotContainKey("_class");
        assertThat(withoutOutbox(inserted)).isEqualTo(new Document("_id", id)
                .append("partnerId", partnerId)
                .append("customerId", "cus-" + id)
                .append("accountName", account)
                .append("status", "IN_PROGRESS")
                .append("traceparent", TRACEPARENT)
                .append("request", Document.parse(json.writeValueAsString(request)))
                .append("steps", List.of(
                        step("REGISTER_CUSTOMER", "SUCCEEDED", CREATED, REGISTERED, null, null, null, 1),
                        step("CREATE_ADMINISTRATOR", "RUNNING", REGISTERED, null, null, RESEND, GIVE_UP, 2),
                        step("ASSIGN_PLANS", "PENDING", null, null, null, null, null, 0),
                        step("SCHEDULE_WELCOME_EMAIL", "PENDING", null, null, null, null, null, 0),
                        step("ACTIVATE_CUSTOMER", "PENDING", null, null, null, null, null, 0)))
                .append("failure", null)
                .append("administratorAccount", new Document("userId", "usr-1")
                        .append("upn", "bengt@" + account + ".se")
                        .append("activationRequired", true)
                        .append("activationToken", "secret-token")
                        .append("activationExpiresAt", Date.from(EXPIRES)))
                .append("deadline", Date.from(RESEND))
                .append("createdAt", Date.from(CREATED))
                .append("updatedAt", Date.from(REGISTERED))
                .append("accountNameKey", partnerId + "/" + account)
                .append("idempotencyKey", partnerId + "/key-" + id)
                .append("requestDigest", "hmac-sha256:abc")
                .append("version", 0L));
        Document storedRequest = inserted.get("request", Document.class);
        assertThat(storedRequest.getList("plans", Document.class).getFirst()).isEqualTo(
                new Document("planCode", "CUSTOMER-PORTAL").append("units", 1).append("startDate", "2026-12-01"));
        assertThat(storedRequest.get("customer", Document.class).get("address", Document.class))
                .containsEntry("region", null);
        assertThat(storedRequest.get("welcomeEmail", Document.class)).containsEntry("sendAt", "2026-12-03T08:00:00Z");

        assertThat(onboardings.find(id)).get().usingRecursiveComparison().isEqualTo(stored(running, 0));
        assertThat(onboardings.findByIdempotencyKey(partnerId, "key-" + id)).get().satisfies(keyed -> {
            assertThat(keyed.requestDigest()).isEqualTo("hmac-sha256:abc");
            assertThat(keyed.onboarding()).usingRecursiveComparison().isEqualTo(stored(running, 0));
        });
        assertThat(onboardings.accountNameInUse(partnerId, account)).isTrue();
        Onboarding again = new Onboarding("onb-" + UUID.randomUUID(), partnerId, "cus-again", null, request,
                OnboardingStatus.IN_PROGRESS, steps(), null, null, CREATED, CREATED, -1);
        assertThatThrownBy(() -> onboardings.insert(again, List.of(), null))
                .isInstanceOf(AccountNameTakenException.class);

        Failure failure = new Failure(Step.CREATE_ADMINISTRATOR, "ADMIN_EMAIL_IN_USE", "in use");
        Onboarding failed = new Onboarding(id, partnerId, "cus-" + id, TRACEPARENT, request, OnboardingStatus.FAILED,
                steps(new StepState(Step.REGISTER_CUSTOMER, StepStatus.COMPENSATED, CREATED, FAILED, null, null, null,
                                1),
                        new StepState(Step.CREATE_ADMINISTRATOR, StepStatus.FAILED, REGISTERED, FAILED,
                                new StepError("ADMIN_EMAIL_IN_USE", "in use"), null, null, 2)),
                failure, new AdministratorAccount("usr-1", null, true, null, null), CREATED, FAILED, 0);
        assertThat(onboardings.update(failed, List.of(), List.of())).isTrue();
        assertThat(onboardings.update(failed, List.of(), List.of())).as("a stale version loses").isFalse();

        Document after = stored(id);
        assertThat(after.keySet()).doesNotContain("accountNameKey", "_class");
        assertThat(withoutOutbox(after)).isEqualTo(expectedAfterFailure(inserted, failure));
        assertThat(onboardings.accountNameInUse(partnerId, account)).as("a failure frees the name").isFalse();

        Onboarding readBack = onboardings.find(partnerId, id).orElseThrow();
        assertThat(readBack).usingRecursiveComparison().isEqualTo(stored(failed, 1));
        OnboardingSummary summary = OnboardingSummary.of(readBack);
        assertThat(onboardings.summary(partnerId, id)).contains(summary);
        assertThat(onboardings.list(partnerId, OnboardingStatus.FAILED, 0, 10)).containsExactly(summary);
        assertThat(onboardings.list(partnerId, OnboardingStatus.IN_PROGRESS, 0, 10)).isEmpty();
        assertThat(onboardings.count(partnerId, null)).isEqualTo(1);
        assertThat(onboardings.statuses(partnerId, List.of(id))).containsEntry(id, OnboardingStatus.FAILED);
        assertThat(onboardings.acrossPartners(Set.of(OnboardingStatus.FAILED), FAILED.plusSeconds(1), 0, 10_000))
                .contains(new OperatorOnboarding(partnerId, summary));
    }

    @Test
    void readsAnOnboardingStoredBeforeTheAccountAndTheGivingUpWereKept() {
        String partnerId = "shape-" + UUID.randomUUID();
        String id = "onb-" + UUID.randomUUID();
        String account = "gammal-" + UUID.randomUUID().toString().substring(0, 8);
        OnboardingRequest request = request(account);
        mongo.getCollection(MongoOnboardingRepository.COLLECTION).insertOne(new Document("_id", id)
                .append("partnerId", partnerId)
                .append("customerId", "cus-" + id)
                .append("accountName", account)
                .append("status", "IN_PROGRESS")
                .append("traceparent", null)
                .append("request", Document.parse(json.writeValueAsString(request)))
                .append("steps", List.of(
                        new Document("step", "REGISTER_CUSTOMER").append("status", "SUCCEEDED")
                                .append("startedAt", Date.from(CREATED)).append("finishedAt", Date.from(REGISTERED))
                                .append("error", null).append("deadline", null),
                        new Document("step", "CREATE_ADMINISTRATOR").append("status", "RUNNING")
                                .append("startedAt", Date.from(REGISTERED)).append("finishedAt", null)
                                .append("error", null).append("deadline", Date.from(RESEND)),
                        new Document("step", "ASSIGN_PLANS").append("status", "PENDING"),
                        new Document("step", "SCHEDULE_WELCOME_EMAIL").append("status", "PENDING"),
                        new Document("step", "ACTIVATE_CUSTOMER").append("status", "PENDING")))
                .append("failure", null)
                .append("activationRequired", true)
                .append("deadline", Date.from(RESEND))
                .append("createdAt", Date.from(CREATED))
                .append("updatedAt", Date.from(REGISTERED))
                .append("accountNameKey", partnerId + "/" + account)
                .append("version", 3L)
                .append("outbox", List.of()));

        Onboarding read = onboardings.find(id).orElseThrow();
        assertThat(read).usingRecursiveComparison().isEqualTo(new Onboarding(id, partnerId, "cus-" + id, null,
                request, OnboardingStatus.IN_PROGRESS, steps(
                        new StepState(Step.REGISTER_CUSTOMER, StepStatus.SUCCEEDED, CREATED, REGISTERED, null, null,
                                null, 0),
                        new StepState(Step.CREATE_ADMINISTRATOR, StepStatus.RUNNING, REGISTERED, null, null, RESEND,
                                RESEND, 0)),
                null, new AdministratorAccount(null, null, true, null, null), CREATED, REGISTERED, 3));
        assertThat(onboardings.summary(partnerId, id)).get().extracting(OnboardingSummary::traceId).isNull();
    }

    /** The stored shape of the failed onboarding: the inserted one's, with what the failure changed. */
    private static Document expectedAfterFailure(Document inserted, Failure failure) {
        Document expected = new Document(withoutOutbox(inserted));
        expected.remove("accountNameKey");
        return expected.append("status", "FAILED")
                .append("steps", List.of(
                        step("REGISTER_CUSTOMER", "COMPENSATED", CREATED, FAILED, null, null, null, 1),
                        step("CREATE_ADMINISTRATOR", "FAILED", REGISTERED, FAILED,
                                new Document("code", "ADMIN_EMAIL_IN_USE").append("message", "in use"), null, null, 2),
                        step("ASSIGN_PLANS", "PENDING", null, null, null, null, null, 0),
                        step("SCHEDULE_WELCOME_EMAIL", "PENDING", null, null, null, null, null, 0),
                        step("ACTIVATE_CUSTOMER", "PENDING", null, null, null, null, null, 0)))
                .append("failure", new Document("step", failure.step().name()).append("code", failure.code())
                        .append("message", failure.message()))
                .append("administratorAccount", new Document("userId", "usr-1").append("upn", null)
                        .append("activationRequired", true).append("activationToken", null)
                        .append("activationExpiresAt", null))
                .append("deadline", null)
                .append("updatedAt", Date.from(FAILED))
                .append("version", 1L);
    }

    private static Document step(String step, String status, Instant startedAt, Instant finishedAt, Document error,
                                 Instant deadline, Instant giveUpAt, int attempts) {
        return new Document("step", step).append("status", status).append("startedAt", date(startedAt))
                .append("finishedAt", date(finishedAt)).append("error", error).append("deadline", date(deadline))
                .append("giveUpAt", date(giveUpAt)).append("attempts", attempts);
    }

    /** The first steps as given, the others PENDING. */
    private static List<StepState> steps(StepState... first) {
        List<StepState> steps = new ArrayList<>(List.of(first));
        for (Step step : Step.values()) {
            if (step.ordinal() >= first.length) {
                steps.add(new StepState(step, StepStatus.PENDING, null, null, null, null, null, 0));
            }
        }
        return steps;
    }

    /** The onboarding as read back once stored under {@code version}. */
    private static Onboarding stored(Onboarding o, long version) {
        return new Onboarding(o.id(), o.partnerId(), o.customerId(), o.traceparent(), o.request(), o.status(),
                o.steps(), o.failure(), o.administrator(), o.createdAt(), o.updatedAt(), version);
    }

    private static OnboardingRequest request(String account) {
        return new OnboardingRequest(
                new OnboardingRequest.Customer(account, "Shape AB", null, null,
                        new OnboardingRequest.Address("Kungsgatan 12", "Göteborg", null, "411 19", "SE"),
                        "PROFESSIONAL_SERVICES", "STANDARD", "BASIC", "sv-SE", List.of(account + ".se"),
                        "larm@shape.se", new OnboardingRequest.Setup("DELEGATE", "it@shape.se",
                        LocalDate.parse("2027-01-04"))),
                new OnboardingRequest.Administrator("bengt", "Bengt", "Testsson", "Bengt Testsson",
                        "bengt@" + account + ".se", null, null, "IT-ansvarig", "IT"),
                List.of(new OnboardingRequest.Contact("SITE_ADMIN", "Åsa Öberg", "asa@" + account + ".se", null)),
                List.of(new OnboardingRequest.Plan("CUSTOMER-PORTAL", 1, LocalDate.parse("2026-12-01")),
                        new OnboardingRequest.Plan("HOSTED-EXCHANGE", 10, LocalDate.parse("2026-12-01"))),
                true,
                new OnboardingRequest.WelcomeEmail(Instant.parse("2026-12-03T08:00:00Z"), "sv", "Nordic IT AB"));
    }

    private Document stored(String id) {
        return mongo.getCollection(MongoOnboardingRepository.COLLECTION).find(eq("_id", id)).first();
    }

    /** The outbox's own fields: its entries leave as soon as the broker confirms them. */
    private static Document withoutOutbox(Document document) {
        Document copy = new Document(document);
        copy.remove("outbox");
        copy.remove("outboxPendingSince");
        return copy;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
