package io.provisio.customer.customers.messaging;

import io.provisio.customer.LeaveNoQueues;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.CustomerRegistrationRejected;
import io.provisio.customer.contracts.DeleteCustomer;
import io.provisio.customer.contracts.RegisterCustomer;
import io.provisio.customer.customers.store.CustomerQueries;
import io.provisio.customer.customers.store.CustomerSetupStore;
import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.customer.customers.store.DomainClaimStore;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REGISTER_CUSTOMER over the real broker, as the orchestrator sends it: a domain is one customer's across
 * every partner, a refusal and a compensation leave no claim behind, a redelivery is not a collision.
 */
@SpringBootTest
@AutoConfigureMockMvc // not used here: it lets this class share the other ITs' application context
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class DomainClaimsIT {

    private static final String STEP = "REGISTER_CUSTOMER";

    @Autowired
    MessageCodec codec;
    @Autowired
    CustomerQueries queries;
    @Autowired
    CustomerSetupStore setups;
    @Autowired
    MongoTemplate mongo;

    @Autowired
    SagaParticipant participant;

    BrokerProbe probe;

    @BeforeEach
    void connect() {
        probe = BrokerProbe.connect();
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }


    @Test
    void refusesADomainAnotherPartnersCustomerHoldsAndReleasesItOnCompensation() {
        String domain = "fiskeri-" + UUID.randomUUID().toString().substring(0, 8) + ".no";
        String holder = "cus-" + UUID.randomUUID();
        String holderSaga = "onb-" + UUID.randomUUID();
        Envelope register = register(holderSaga, "nordic-it", holder, "tromso-fiskeri", domain);
        send(register);
        assertThat(reply(holderSaga, "CustomerRegistered")).isNotNull();
        // The same command delivered again finds the claim its own.
        send(codec.command("RegisterCustomer", holderSaga + "-again", STEP, "nordic-it",
                CustomerChannels.SAGA_REPLIES, null, codec.payload(register, RegisterCustomer.class)));
        assertThat(reply(holderSaga + "-again", "CustomerRegistered")).isNotNull();

        String second = "cus-" + UUID.randomUUID();
        String secondSaga = "onb-" + UUID.randomUUID();
        send(register(secondSaga, "alpina-it", second, "bodo-fiskeri", "other-" + domain, domain.toUpperCase()));

        Envelope refused = reply(secondSaga, "CustomerRegistrationRejected");
        CustomerRegistrationRejected rejection = codec.payload(refused, CustomerRegistrationRejected.class);
        assertThat(rejection.code()).isEqualTo("DOMAIN_TAKEN");
        assertThat(rejection.message()).contains(domain).doesNotContain("nordic-it", holder);
        assertThat(queries.find("alpina-it", second)).isEmpty();
        assertThat(claimOf("other-" + domain)).as("a refusal leaves no claim").isNull();
        assertThat(claimOf(domain).getString("customerId")).isEqualTo(holder);

        compensate(holderSaga, "nordic-it", holder);
        assertThat(claimOf(domain)).as("the compensation frees the domain").isNull();

        String thirdSaga = "onb-" + UUID.randomUUID();
        send(register(thirdSaga, "alpina-it", second, "bodo-fiskeri", domain));
        assertThat(reply(thirdSaga, "CustomerRegistered")).isNotNull();
    }

    @Test
    void refusesAnAccountNameWhosePlatformSubdomainAnotherPartnersCustomerHoldsUntilItIsFreed() {
        String account = "nordlys-" + UUID.randomUUID().toString().substring(0, 8);
        String subdomain = account + ".provisio.cloud";
        String holder = "cus-" + UUID.randomUUID();
        String holderSaga = "onb-" + UUID.randomUUID();
        send(register(holderSaga, "nordic-it", holder, account));
        assertThat(reply(holderSaga, "CustomerRegistered")).isNotNull();
        assertThat(claimOf(subdomain).getString("customerId")).isEqualTo(holder);
        assertThat(queries.find("nordic-it", holder).orElseThrow().subdomain()).isEqualTo(subdomain);

        String second = "cus-" + UUID.randomUUID();
        String secondSaga = "onb-" + UUID.randomUUID();
        String ownDomain = account + "-alpina.no";
        send(register(secondSaga, "alpina-it", second, account, ownDomain));

        CustomerRegistrationRejected rejection = codec.payload(reply(secondSaga, "CustomerRegistrationRejected"),
                CustomerRegistrationRejected.class);
        assertThat(rejection.code()).isEqualTo("SUBDOMAIN_TAKEN");
        assertThat(rejection.message()).contains(subdomain).doesNotContain("nordic-it", holder);
        assertThat(queries.find("alpina-it", second)).isEmpty();
        assertThat(claimOf(ownDomain)).as("a refusal leaves no claim").isNull();

        compensate(holderSaga, "nordic-it", holder);
        assertThat(claimOf(subdomain)).as("the compensation frees the sub-domain").isNull();

        String thirdSaga = "onb-" + UUID.randomUUID();
        send(register(thirdSaga, "alpina-it", second, account, ownDomain));
        assertThat(reply(thirdSaga, "CustomerRegistered")).isNotNull();
        assertThat(claimOf(subdomain).getString("customerId")).isEqualTo(second);
    }

    @Test
    void claimsTheSubdomainsOfCustomersRegisteredBeforeSubdomainsWereClaimedOlderFirst() {
        String account = "gamla-" + UUID.randomUUID().toString().substring(0, 8);
        String subdomain = account + ".provisio.cloud";
        String older = "cus-" + UUID.randomUUID();
        String younger = "cus-" + UUID.randomUUID();
        // As an earlier version stored them: no sub-domain field, no claim, two partners, one account name.
        var collection = mongo.getCollection(CustomerStore.COLLECTION);
        collection.insertOne(new Document("_id", younger).append("partnerId", "alpina-it").append("accountName", account)
                .append("accountNameKey", "alpina-it/" + account).append("status", "ACTIVE")
                .append("createdAt", new java.util.Date(2_000_000_000_000L)));
        collection.insertOne(new Document("_id", older).append("partnerId", "nordic-it").append("accountName", account)
                .append("accountNameKey", "nordic-it/" + account).append("status", "ACTIVE")
                .append("createdAt", new java.util.Date(1_000_000_000_000L)));

        assertThat(setups.claimSubdomainsOfEarlierCustomers()).isGreaterThanOrEqualTo(2);

        assertThat(claimOf(subdomain).getString("customerId")).as("the older keeps it").isEqualTo(older);
        assertThat(collection.find(eq("_id", older)).first().getString("subdomain")).isEqualTo(subdomain);
        assertThat(collection.find(eq("_id", younger)).first().getString("subdomain")).isEqualTo("shared:" + subdomain);
        setups.claimSubdomainsOfEarlierCustomers();
        assertThat(claimOf(subdomain).getString("customerId")).as("the next start changes nothing").isEqualTo(older);
        assertThat(collection.find(eq("_id", younger)).first().getString("subdomain")).isEqualTo("shared:" + subdomain);
    }

    /** REGISTER_CUSTOMER's compensation, as the orchestrator sends it, answered. */
    private void compensate(String sagaId, String partnerId, String customerId) {
        send(codec.command("DeleteCustomer", sagaId, STEP, partnerId, CustomerChannels.SAGA_REPLIES, null,
                new DeleteCustomer(customerId)));
        assertThat(reply(sagaId, "CustomerDeleted")).isNotNull();
    }

    private Envelope register(String sagaId, String partnerId, String customerId, String accountName,
                              String... domains) {
        CustomerProfile profile = new CustomerProfile(accountName, "Tromsø Fiskeri AS", null, null,
                new Address(null, "Tromsø", null, null, "NO"), null, null, null, "nb-NO", List.of(domains), null);
        return codec.command("RegisterCustomer", sagaId, STEP, partnerId, CustomerChannels.SAGA_REPLIES, null,
                new RegisterCustomer(customerId, profile));
    }

    private void send(Envelope command) {
        probe.publish(CustomerChannels.COMMANDS, codec.encode(command));
    }

    /**
     * The reply the participant stored for the saga's step (this process reads its own replies without the
     * broker, so the participant's record is where to look).
     */
    private Envelope reply(String sagaId, String type) {
        // A channel the broker closes on another thread (queues re-declared after an earlier class deleted them)
        // says nothing about this step; only the stored reply does.
        return await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> storedReply(sagaId),
                reply -> reply != null && type.equals(reply.type()));
    }

    /** The compensation's reply once there is one, else the action's. */
    private Envelope storedReply(String sagaId) {
        Document record = participant.record(sagaId, STEP);
        String stored = record == null ? null : record.getString("compensationReply") != null
                ? record.getString("compensationReply") : record.getString("reply");
        return stored == null ? null : codec.decode(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Document claimOf(String domain) {
        return mongo.getCollection(DomainClaimStore.COLLECTION).find(eq("_id", domain)).first();
    }
}
