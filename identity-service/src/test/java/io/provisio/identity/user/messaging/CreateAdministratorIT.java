package io.provisio.identity.user.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.devstack.BrokerProbe;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.DryRunReport;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.contracts.ValidateAdministrator;
import io.provisio.identity.user.application.AdministratorOnboarding;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.AdministratorCreated;
import io.provisio.identity.contracts.AdministratorDeleted;
import io.provisio.identity.contracts.AdministratorRejected;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.DeleteAdministrator;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.ActivationLinkStore;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** CREATE_ADMINISTRATOR over the real broker: commands published as the orchestrator does. */
@IdentityServiceTest
class CreateAdministratorIT {

    static final String STEP = "CREATE_ADMINISTRATOR";
    static final String REPLIES = "saga-replies";

    static BrokerProbe probe;
    static Replies replies;

    @Autowired
    MessageCodec codec;

    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;

    @Autowired
    ActivationLinkStore activations;

    @Autowired
    OrganizationStore organizations;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Clock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SagaParticipant participant;

    @BeforeAll
    static void tapReplies(@Autowired MessageCodec codec) {
        probe = BrokerProbe.connect();
        replies = new Replies(probe, codec);
    }

    @AfterAll
    static void closeProbe() {
        // The namespace's queues and exchanges are deleted once for the whole run (LeaveNoQueues).
        replies.close();
    }

    @Test
    void createsAdministratorAndContactsAndReplies() {
        String sagaId = newId();
        String customerId = newId();
        publish(create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(customerId,
                "bengt." + sagaId + "@testbolag.se")));

        Envelope reply = replies.await(sagaId, "AdministratorCreated", 1).getFirst();

        AdministratorCreated created = codec.payload(reply, AdministratorCreated.class);
        assertThat(created.customerId()).isEqualTo(customerId);
        assertThat(created.upn()).isEqualTo("bengt.testsson@" + Onboardings.domainOf(customerId));
        assertThat(created.activationRequired()).isTrue();
        List<User> stored = queries.bySaga(sagaId);
        assertThat(stored).singleElement().satisfies(user -> {
            assertThat(user.id()).isEqualTo(created.userId());
            assertThat(user.partnerId()).isEqualTo("nordic-it");
            assertThat(user.displayName()).isEqualTo("Bengt Testsson");
            assertThat(user.role()).isEqualTo(UserRole.ADMINISTRATOR);
            assertThat(user.status()).isEqualTo(UserStatus.INVITED);
            assertThat(user.passwordHash()).isNull();
        });
        assertThat(contactsOf(sagaId)).extracting(Contact::kind, Contact::name)
                .containsExactlyInAnyOrder(
                        tuple(ContactKind.ADMIN, "Bengt Testsson"),
                        tuple(ContactKind.SITE_ADMIN, "Karin Lund"));
    }

    @Test
    void createsActiveAdministratorOnPlatformDomainWhenCustomerHasNoDomain() {
        String sagaId = newId();
        String customerId = newId();
        publish(create(sagaId, "nordic-it", Onboardings.germanCustomerWithPassword(customerId,
                "anna." + sagaId + "@mueller-soehne.de")));

        AdministratorCreated created = codec.payload(replies.await(sagaId, "AdministratorCreated", 1).getFirst(),
                AdministratorCreated.class);

        assertThat(created.upn()).isEqualTo("anna.mueller@" + Onboardings.accountOf(customerId) + ".provisio.cloud");
        assertThat(created.activationRequired()).isFalse();
        assertThat(queries.find(created.userId())).get().satisfies(user -> {
            assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(user.displayName()).isEqualTo("Anna M.");
            assertThat(user.lastName()).isEqualTo("Müller");
        });
    }

    @Test
    void repeatsSameReplyForDuplicateCommandAndStoresOneUser() {
        String sagaId = newId();
        Envelope command = create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(newId(),
                "bengt." + sagaId + "@testbolag.se"));

        publish(command);
        replies.await(sagaId, "AdministratorCreated", 1);
        // The relay drops an outbox entry by message id once confirmed; a re-send of the same id
        // queued while the original is in flight would go with it (see README, "Known limits").
        await().atMost(Duration.ofSeconds(30)).until(() -> participant.record(sagaId, STEP)
                .getList("outbox", Object.class, List.of()).isEmpty());
        publish(command);

        List<Envelope> sent = replies.await(sagaId, "AdministratorCreated", 2);
        assertThat(sent).extracting(Envelope::messageId).containsOnly(sent.getFirst().messageId());
        // The token leaves only with the first reply; the re-sent one is the stored reply without it.
        AdministratorCreated first = codec.payload(sent.get(0), AdministratorCreated.class);
        assertThat(first.activationToken()).isNotNull();
        assertThat(codec.payload(sent.get(1), AdministratorCreated.class)).isEqualTo(first.withoutToken());
        assertThat(queries.bySaga(sagaId)).hasSize(1);
        assertThat(contactsOf(sagaId)).hasSize(2);
    }

    @Test
    void rejectsAdministratorWhenEmailIsInUse() {
        String firstSaga = newId();
        String email = "karin." + firstSaga + "@testbolag.se";
        publish(create(firstSaga, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(newId(), email)));
        replies.await(firstSaga, "AdministratorCreated", 1);

        String secondSaga = newId();
        publish(create(secondSaga, "alpine-msp", Onboardings.germanCustomerWithPassword(newId(),
                email.toUpperCase())));

        Envelope reply = replies.await(secondSaga, "AdministratorRejected", 1).getFirst();
        assertThat(codec.payload(reply, AdministratorRejected.class).code()).isEqualTo("ADMIN_EMAIL_IN_USE");
        assertThat(queries.bySaga(secondSaga)).isEmpty();
        assertThat(contactsOf(secondSaga)).isEmpty();
        assertThat(queries.bySaga(firstSaga)).singleElement()
                .extracting(User::partnerId).isEqualTo("nordic-it");
    }

    @Test
    void failsTheSecondPartnersOnboardingWhenTheSignInNameIsTakenAndLeavesNothingOfIt() {
        // The issue's scenario: two partners onboard account "collide-…" with username admin and no domains.
        String account = "collide-" + newId().substring(0, 8);
        String firstSaga = newId();
        String firstCustomer = newId();
        publish(create(firstSaga, "nordic-it", Onboardings.customerWithoutDomainsAndAdministratorNamedAdmin(
                firstCustomer, account, "ada." + firstSaga + "@collide.se")));
        AdministratorCreated first = codec.payload(replies.await(firstSaga, "AdministratorCreated", 1).getFirst(),
                AdministratorCreated.class);

        String secondSaga = newId();
        String secondCustomer = newId();
        publish(create(secondSaga, "alpine-msp", Onboardings.customerWithoutDomainsAndAdministratorNamedAdmin(
                secondCustomer, account, "ada." + secondSaga + "@collide.se")));

        Envelope reply = replies.await(secondSaga, "AdministratorRejected", 1).getFirst();
        assertThat(codec.payload(reply, AdministratorRejected.class).code()).isEqualTo("USERNAME_TAKEN");
        assertThat(first.upn()).isEqualTo("admin@" + account + ".provisio.cloud");
        assertThat(queries.bySaga(secondSaga)).isEmpty();
        assertThat(queries.byCustomer("alpine-msp", secondCustomer)).isEmpty();
        assertThat(contactsOf(secondSaga)).isEmpty();
        assertThat(organizations.find(secondCustomer)).get().satisfies(o -> assertThat(o.deleted()).isTrue());
        assertThat(queries.findByUpn(first.upn())).get().satisfies(user -> {
            assertThat(user.id()).isEqualTo(first.userId());
            assertThat(user.partnerId()).isEqualTo("nordic-it");
        });
    }

    @Test
    void acceptsACommandDeliveredAgainAfterItsAdministratorWasStoredAsItsOwnAndNotAsACollision() {
        // The first delivery stored the administrator, then its process died before the reply was kept.
        String sagaId = newId();
        String customerId = newId();
        String email = "bengt." + sagaId + "@testbolag.se";
        CreateAdministrator command = Onboardings.swedishCustomerWithInvitedAdministrator(customerId, email);
        User stored = User.administrator(AdministratorOnboarding.id(sagaId, "administrator"), "nordic-it", customerId,
                sagaId, "bengt.testsson", "Bengt", "Testsson", null, email, null, Onboardings.domainOf(customerId),
                ActivationToken.issue(clock.instant(), Duration.ofHours(72)).stored(), clock.instant());
        assertThat(users.insert(stored, List.of())).isEqualTo(UserStore.Insertion.INSERTED);

        publish(create(sagaId, "nordic-it", command));

        AdministratorCreated created = codec.payload(replies.await(sagaId, "AdministratorCreated", 1).getFirst(),
                AdministratorCreated.class);
        assertThat(created.userId()).isEqualTo(stored.id());
        assertThat(created.upn()).isEqualTo(stored.upn());
        assertThat(created.activationToken()).as("a new link, as the first one's token was never sent").isNotNull();
        assertThat(queries.bySaga(sagaId)).singleElement().extracting(User::id).isEqualTo(stored.id());
    }

    @Test
    void judgesTheSignInNameInTheDryRunAcrossPartners() {
        String account = "collide-" + newId().substring(0, 8);
        String sagaId = newId();
        publish(create(sagaId, "nordic-it", Onboardings.customerWithoutDomainsAndAdministratorNamedAdmin(newId(),
                account, "ada." + sagaId + "@collide.se")));
        replies.await(sagaId, "AdministratorCreated", 1);
        String dryRuns = probe.tap(CustomerChannels.DRY_RUN_REPLIES);
        String other = newId().substring(0, 8);

        ValidateAdministrator sameName = new ValidateAdministrator(List.of(),
                new Administrator("admin", "Ada", "Admin", null,
                        "ada." + other + "@collide.se", null, null, null, null), List.of(), account);
        ValidateAdministrator ownDomain = new ValidateAdministrator(List.of(Onboardings.domainOf(other)),
                sameName.administrator(), List.of(), account);
        Envelope taken = validate(sameName);
        Envelope free = validate(ownDomain);

        assertThat(dryRunAnswer(dryRuns, taken).findings()).singleElement().satisfies(finding -> {
            assertThat(finding.field()).isEqualTo("administrator.username");
            assertThat(finding.code()).isEqualTo("USERNAME_TAKEN");
        });
        assertThat(dryRunAnswer(dryRuns, free).findings()).isEmpty();
    }

    @Test
    void deletesUsersAndContactsOnCompensation() {
        String sagaId = newId();
        String customerId = newId();
        publish(create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(customerId,
                "bengt." + sagaId + "@testbolag.se")));
        replies.await(sagaId, "AdministratorCreated", 1);

        publish(delete(sagaId, "nordic-it", customerId));

        Envelope reply = replies.await(sagaId, "AdministratorDeleted", 1).getFirst();
        assertThat(codec.payload(reply, AdministratorDeleted.class).customerId()).isEqualTo(customerId);
        assertThat(queries.bySaga(sagaId)).isEmpty();
        assertThat(contactsOf(sagaId)).isEmpty();
    }

    @Test
    void ignoresCreateArrivingAfterItsCompensation() {
        String sagaId = newId();
        String customerId = newId();
        double refusedBefore = refused();

        publish(delete(sagaId, "nordic-it", customerId));
        replies.await(sagaId, "AdministratorDeleted", 1);
        publish(create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(customerId,
                "bengt." + sagaId + "@testbolag.se")));

        await().atMost(Duration.ofSeconds(30)).until(() -> refused() > refusedBefore);
        assertThat(queries.bySaga(sagaId)).isEmpty();
        assertThat(contactsOf(sagaId)).isEmpty();
        assertThat(replies.of(sagaId)).extracting(Envelope::type).containsExactly("AdministratorDeleted");
    }

    @Test
    void sendsTheActivationTokenOnlyInTheFirstReplyAndKeepsOnlyItsHash() {
        String sagaId = newId();
        String customerId = newId();
        Instant welcomeAt = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        publish(create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(customerId,
                "bengt." + sagaId + "@testbolag.se", welcomeAt)));

        AdministratorCreated created = codec.payload(replies.await(sagaId, "AdministratorCreated", 1).getFirst(),
                AdministratorCreated.class);

        assertThat(created.activationToken()).matches("[A-Za-z0-9_-]{43}");
        assertThat(created.activationExpiresAt()).as("72 h from when the welcome e-mail goes out")
                .isEqualTo(welcomeAt.plus(Duration.ofHours(72)));
        User user = queries.find(created.userId()).orElseThrow();
        assertThat(user.activation().hash()).isEqualTo(ActivationToken.hash(created.activationToken()));
        assertThat(user.activation().expiresAt()).isEqualTo(created.activationExpiresAt());
        assertThat(participant.record(sagaId, STEP).toJson()).doesNotContain(created.activationToken());
        assertThat(mongo.getCollection(UserStore.COLLECTION).find(com.mongodb.client.model.Filters.eq("_id",
                user.id())).first().toJson()).doesNotContain(created.activationToken());
        assertThat(Published.messages().await("UserCreated", p -> p.get("userId").asString().equals(user.id()), 1))
                .singleElement().satisfies(event -> {
                    assertThat(event.get("payload").get("upn").asString())
                            .isEqualTo("bengt.testsson@" + Onboardings.domainOf(customerId));
                    assertThat(event.get("payload").get("role").asString()).isEqualTo("ADMINISTRATOR");
                });
    }

    @Test
    void compensationAnnouncesTheDeletedUserAndLeavesNoLinkNorPersonalData() {
        String sagaId = newId();
        String customerId = newId();
        publish(create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(customerId,
                "bengt." + sagaId + "@testbolag.se")));
        AdministratorCreated created = codec.payload(replies.await(sagaId, "AdministratorCreated", 1).getFirst(),
                AdministratorCreated.class);

        publish(delete(sagaId, "nordic-it", customerId));
        replies.await(sagaId, "AdministratorDeleted", 1);

        assertThat(activations.findByActivationHash(ActivationToken.hash(created.activationToken()))).isEmpty();
        assertThat(queries.byCustomer("nordic-it", customerId)).isEmpty();
        assertThat(organizations.find(customerId)).get().satisfies(tombstone -> {
            assertThat(tombstone.deleted()).isTrue();
            assertThat(tombstone.contacts()).isEmpty();
            assertThat(tombstone.companyName()).isNull();
            assertThat(tombstone.visibleTo("nordic-it")).isFalse();
        });
        assertThat(Published.messages().await("UserDeleted",
                p -> p.get("userId").asString().equals(created.userId()), 1)).singleElement()
                .satisfies(event -> assertThat(event.get("payload").get("customerId").asString()).isEqualTo(customerId));
    }

    @Test
    void answersTheDryRunWithTheEmailRuleAndWritesNothing() {
        String sagaId = newId();
        String email = "bengt." + sagaId + "@testbolag.se";
        publish(create(sagaId, "nordic-it", Onboardings.swedishCustomerWithInvitedAdministrator(newId(), email)));
        replies.await(sagaId, "AdministratorCreated", 1);
        String dryRuns = probe.tap(CustomerChannels.DRY_RUN_REPLIES);
        long usersBefore = mongo.getCollection(UserStore.COLLECTION).countDocuments();

        Envelope taken = validate(Onboardings.validation(email.toUpperCase()));
        Envelope free = validate(Onboardings.validation("nobody." + sagaId + "@testbolag.se"));

        assertThat(dryRunAnswer(dryRuns, taken).findings()).singleElement().satisfies(finding -> {
            assertThat(finding.field()).isEqualTo("administrator.email");
            assertThat(finding.code()).isEqualTo("ADMIN_EMAIL_IN_USE");
        });
        assertThat(dryRunAnswer(dryRuns, free).findings()).isEmpty();
        assertThat(mongo.getCollection(UserStore.COLLECTION).countDocuments()).isEqualTo(usersBefore);
    }

    private Envelope validate(ValidateAdministrator payload) {
        Envelope query = codec.command("ValidateAdministrator", null, null, "alpine-msp",
                CustomerChannels.DRY_RUN_REPLIES, null, payload);
        publish(query);
        return query;
    }

    /** The answer to {@code query}, whatever order the answers arrive in. */
    private DryRunReport dryRunAnswer(String tap, Envelope query) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            java.util.Optional<String> body;
            while ((body = probe.receive(tap, Duration.ofMillis(500))).isPresent()) {
                Envelope answer = codec.decode(body.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                dryRunAnswers.put(answer.causationId(), answer);
            }
            return dryRunAnswers.containsKey(query.messageId());
        });
        return codec.payload(dryRunAnswers.get(query.messageId()), DryRunReport.class);
    }

    private final java.util.Map<String, Envelope> dryRunAnswers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The contacts of the saga's organization, none once it is a tombstone. */
    private List<Contact> contactsOf(String sagaId) {
        org.bson.Document organization = mongo.getCollection(OrganizationStore.COLLECTION)
                .find(com.mongodb.client.model.Filters.eq("sagaId", sagaId)).first();
        return organization == null ? List.of() : organizations.find(organization.getString("_id"))
                .filter(o -> !o.deleted()).map(o -> o.contacts()).orElse(List.of());
    }

    private double refused() {
        return meters.counter("provisio.participant.refused", "type", "CreateAdministrator").count();
    }

    private Envelope create(String sagaId, String partnerId, CreateAdministrator payload) {
        return codec.command("CreateAdministrator", sagaId, STEP, partnerId, REPLIES, null, payload);
    }

    private Envelope delete(String sagaId, String partnerId, String customerId) {
        return codec.command("DeleteAdministrator", sagaId, STEP, partnerId, REPLIES, null,
                new DeleteAdministrator(customerId));
    }

    private void publish(Envelope command) {
        probe.publish(IdentityChannels.COMMANDS, codec.encode(command));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
