package io.provisio.customer.customers.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CheckSubdomain;
import io.provisio.customer.contracts.ClaimSubdomain;
import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.Setup;
import io.provisio.customer.contracts.SubdomainAnswer;
import io.provisio.customer.contracts.SubdomainAvailability;
import io.provisio.customer.contracts.SubdomainClaimed;
import io.provisio.customer.contracts.SubdomainTaken;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.store.CustomerQueries;
import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.customer.customers.store.DomainClaimStore;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The setup page's sub-domain questions over the real broker, as identity-service asks them (ADR 026): a free name is
 * claimed and the old one released, so another customer can take it; a name another customer holds is taken, with
 * free variants, and nothing changes; the same claim again, also after a crash half-way, is claimed again.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class SubdomainClaimsIT {

    @Autowired
    MessageCodec codec;
    @Autowired
    CustomerStore customers;
    @Autowired
    CustomerQueries queries;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    BrokerProbe probe;
    String replies;

    @BeforeEach
    void connect() {
        probe = BrokerProbe.connect();
        replies = probe.tap(IdentityChannels.SETUP_REPLIES);
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    @Test
    void claimsAFreeNameAndReleasesTheOldOneSoAnotherCustomerCanTakeIt() throws Exception {
        String account = "havbris-" + suffix();
        String chosen = "havbris-tromso-" + suffix();
        String customer = customer("nordic-it", account, account + ".no");

        SubdomainAnswer answer = ask("nordic-it", new ClaimSubdomain(customer, chosen));

        assertThat(answer).isEqualTo(new SubdomainClaimed(customer, chosen + ".provisio.cloud"));
        assertThat(holderOf(chosen + ".provisio.cloud")).isEqualTo(customer);
        assertThat(holderOf(account + ".provisio.cloud")).as("the old sub-domain is released").isNull();
        assertThat(holderOf(account + ".no")).as("the customer's own domain stays").isEqualTo(customer);
        JsonNode view = json.readTree(mvc.perform(get("/api/v1/customers/" + customer).with(partner("nordic-it")))
                .andReturn().getResponse().getContentAsString());
        assertThat(view.get("subdomain").asString()).isEqualTo(chosen + ".provisio.cloud");

        String other = customer("alpina-it", account);
        assertThat(holderOf(account + ".provisio.cloud")).as("freed for anyone").isEqualTo(other);
    }

    @Test
    void answersTakenWithFreeVariantsWhenAnotherCustomerHoldsTheNameAndChangesNothing() {
        String taken = "fjellbu-" + suffix();
        customer("alpina-it", taken);
        customer("alpina-it", taken + "-2");
        String account = "fjordlys-" + suffix();
        String customer = customer("nordic-it", account);

        SubdomainAnswer answer = ask("nordic-it", new ClaimSubdomain(customer, taken));

        assertThat(answer).isEqualTo(new SubdomainTaken(customer, taken + ".provisio.cloud",
                List.of(taken + "-3", taken + "-4", taken + "-5")));
        assertThat(holderOf(account + ".provisio.cloud")).isEqualTo(customer);
        assertThat(queries.find("nordic-it", customer).orElseThrow().subdomain())
                .isEqualTo(account + ".provisio.cloud");
        SubdomainAvailability check = (SubdomainAvailability) ask("nordic-it", new CheckSubdomain(customer, taken));
        assertThat(check.available()).isFalse();
        assertThat(check.suggestions()).containsExactly(taken + "-3", taken + "-4", taken + "-5");
        assertThat(((SubdomainAvailability) ask("nordic-it", new CheckSubdomain(customer, account))).available())
                .as("its own sub-domain is available to the customer").isTrue();
    }

    @Test
    void theSameClaimAgainIsClaimedAndFinishesWhatACrashLeftHalfDone() {
        String account = "skjaergard-" + suffix();
        String chosen = "skjaergard-ny-" + suffix();
        String customer = customer("nordic-it", account);
        // As a claim that crashed right after its insert left it: the new claim, the customer not yet moved.
        mongo.getCollection(DomainClaimStore.COLLECTION).insertOne(new Document("_id", chosen + ".provisio.cloud")
                .append("customerId", customer).append("partnerId", "nordic-it").append("claimedAt", new Date()));

        assertThat(ask("nordic-it", new ClaimSubdomain(customer, chosen)))
                .isEqualTo(new SubdomainClaimed(customer, chosen + ".provisio.cloud"));
        assertThat(ask("nordic-it", new ClaimSubdomain(customer, chosen)))
                .isEqualTo(new SubdomainClaimed(customer, chosen + ".provisio.cloud"));

        assertThat(holderOf(account + ".provisio.cloud")).isNull();
        assertThat(queries.find("nordic-it", customer).orElseThrow().subdomain())
                .isEqualTo(chosen + ".provisio.cloud");
        assertThat(mongo.getCollection(DomainClaimStore.COLLECTION).countDocuments(eq("customerId", customer)))
                .isEqualTo(1);
    }

    @Test
    void theCompletionClaimsTheConfirmedSubdomainAgainWhenAnotherSubmissionMovedIt() {
        String account = "kystlinje-" + suffix();
        String confirmed = "kystlinje-a-" + suffix();
        String customer = customer("nordic-it", account);
        // Two submissions of one link claimed two names; the one that completed setup confirmed the first.
        ask("nordic-it", new ClaimSubdomain(customer, confirmed));
        ask("nordic-it", new ClaimSubdomain(customer, "kystlinje-b-" + suffix()));

        probe.publish(CustomerChannels.COMMANDS, codec.encode(codec.command(CustomerMessages.COMMANDS, null, null,
                "nordic-it", null, null, new CompleteSetup(customer, Instant.now(), confirmed + ".provisio.cloud"))));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Customer stored = queries.find("nordic-it", customer).orElseThrow();
            assertThat(stored.subdomain()).isEqualTo(confirmed + ".provisio.cloud");
            assertThat(stored.setup().status()).isEqualTo("SETUP_DONE");
        });
        assertThat(mongo.getCollection(DomainClaimStore.COLLECTION).find(eq("customerId", customer))
                .map(d -> d.getString("_id")).into(new java.util.ArrayList<>()))
                .containsExactly(confirmed + ".provisio.cloud");
    }

    /** Asks as identity-service does (replyTo {@code setup-replies}) and returns the answer to this question. */
    private SubdomainAnswer ask(String partnerId, io.provisio.customer.contracts.CustomerCommand question) {
        Envelope command = codec.command(CustomerMessages.COMMANDS, null, null, partnerId,
                IdentityChannels.SETUP_REPLIES, null, question);
        probe.publish(CustomerChannels.COMMANDS, codec.encode(command));
        return await().atMost(Duration.ofSeconds(20)).until(() -> probe.receive(replies, Duration.ofSeconds(1))
                        .map(body -> codec.decode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .filter(reply -> command.messageId().equals(reply.causationId()))
                        .map(reply -> codec.payload(reply, CustomerMessages.SUBDOMAIN_ANSWERS)).orElse(null),
                answer -> answer != null);
    }

    private String customer(String partnerId, String accountName, String... domains) {
        String id = "cus-" + UUID.randomUUID();
        CustomerProfile profile = new CustomerProfile(accountName, "Havbris AS", null, null,
                new Address(null, "Tromsø", null, null, "NO"), null, null, null, "nb-NO", List.of(domains), null,
                new Setup("CUSTOMER", "it@havbris.no", null));
        assertThat(customers.register(partnerId, id, "onb-" + id, profile).outcome())
                .isEqualTo(CustomerStore.Outcome.REGISTERED);
        assertThat(customers.activate(partnerId, id)).isTrue();
        return id;
    }

    private String holderOf(String domain) {
        Document claim = mongo.getCollection(DomainClaimStore.COLLECTION).find(eq("_id", domain)).first();
        return claim == null ? null : claim.getString("customerId");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor partner(String partnerId) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
