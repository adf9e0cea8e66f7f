package io.provisio.acceptance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Identity end to end, through the gateway with real partner tokens: a person in one organization only,
 * passwords judged by the policy, the activation link read from the e-mail that reached the SMTP sink,
 * the contact rules, a compensated onboarding that leaves no user, contact or link behind, and the
 * operator creating a partner.
 */
@ExtendWith(Suite.class)
class IdentityFlowsIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    /** Strong by the policy and built on none of the examples' words. */
    private static final String STRONG = Onboardings.STRONG_PASSWORD;

    private Suite suite;
    private Api nordic;
    private Api alpina;
    private Api anonymous;

    @BeforeEach
    void partners() {
        suite = Suite.get();
        nordic = Api.nordic();
        alpina = Api.alpina();
        anonymous = Api.anonymous(suite.gatewayUrl);
    }

    @Test
    void aSignInNameIsOnePersonsAcrossPartners() {
        // The scenario: two partners, one account name, username admin, no domains (ADR 012). The account
        // name gives both customers the sub-domain <name>.provisio.cloud, which is one organization's: the second
        // partner is refused before any saga starts, so no two people can get admin@<name>.provisio.cloud.
        ObjectNode first = withoutPlans(Onboardings.swedishCustomerWithHostedServices());
        String account = first.get("customer").get("accountName").asString();
        ((ObjectNode) first.get("customer")).putArray("domains");
        ((ObjectNode) first.get("administrator")).put("username", "admin");
        completed(nordic, first);
        ObjectNode second = withoutPlans(Onboardings.swedishCustomerWithHostedServices());
        ((ObjectNode) second.get("customer")).put("accountName", account).putArray("domains");
        ((ObjectNode) second.get("administrator")).put("username", "admin");
        int onboardingsBefore = alpina.get("/api/v1/onboardings?size=200").json().get("total").asInt();

        Api.Response refused = alpina.post("/api/v1/onboardings", second.toString());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("SUBDOMAIN_TAKEN");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("customer.accountName");
        assertThat(alpina.get("/api/v1/onboardings?size=200").json().get("total").asInt())
                .as("nothing started").isEqualTo(onboardingsBefore);
        // The dry run says so too, next to every other problem.
        assertThat(alpina.post("/api/v1/onboardings?dryRun=true", second.toString()).text())
                .contains("SUBDOMAIN_TAKEN");
    }

    @Test
    void aPersonBelongsToOneOrganizationAcrossPartners() {
        ObjectNode first = Onboardings.swedishCustomerWithHostedServices();
        String email = first.get("administrator").get("email").asString();
        completed(nordic, first);
        String alpinaCustomer = completed(alpina, withoutPlans(Onboardings.swedishCustomerWithHostedServices()));

        ObjectNode second = withoutPlans(Onboardings.swedishCustomerWithHostedServices());
        ((ObjectNode) second.get("administrator")).put("email", email.toUpperCase());
        Api.Response refused = alpina.post("/api/v1/onboardings", second.toString());
        if (refused.status() == 202) {
            JsonNode failed = awaitStatus(alpina, refused.location(), "FAILED");
            assertThat(failed.get("failure").get("step").asString()).isEqualTo("CREATE_ADMINISTRATOR");
            assertThat(failed.get("failure").get("code").asString()).isEqualTo("ADMIN_EMAIL_IN_USE");
        } else {
            // customer-service's dry run caught it before any saga started.
            assertThat(refused.text()).contains("ADMIN_EMAIL_IN_USE");
        }

        Api.Response user = alpina.post("/api/v1/customers/" + alpinaCustomer + "/users",
                newUser("bengt.second", email, STRONG).toString());
        assertThat(user.status()).isEqualTo(409);
        assertThat(user.json().get("code").asString()).isEqualTo("ADMIN_EMAIL_IN_USE");
    }

    @Test
    void refusesAWeakPasswordAndAcceptsAStrongOne() {
        ObjectNode weak = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) weak.get("administrator")).put("password", "Testbolag2024!");

        Api.Response refused = nordic.post("/api/v1/onboardings", weak.toString());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).doesNotContain("Testbolag2024!");
        assertThat(refused.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("administrator.password");

        ObjectNode strong = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) strong.get("administrator")).put("password", STRONG);
        String customerId = completed(nordic, strong);
        assertThat(nordic.get("/api/v1/customers/" + customerId + "/users").json().get("items"))
                .singleElement().satisfies(user -> assertThat(user.get("status").asString()).isEqualTo("ACTIVE"));

        Api.Response weakUser = nordic.post("/api/v1/customers/" + customerId + "/users",
                newUser("karin.lund", "karin.lund+" + UUID.randomUUID() + "@testbolag.se", "qwertyuiop123").toString());
        assertThat(weakUser.status()).isEqualTo(400);
        assertThat(weakUser.json().get("errors").findValuesAsString("field")).containsExactly("password");
    }

    @Test
    void activatesByTheLinkInTheEmailOnceAndNeverAgain() {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        String email = request.get("administrator").get("email").asString();
        String customerId = completed(nordic, request);

        String token = awaitLinks(email, 1).getFirst();
        Api.Response activated = activate(token, STRONG);

        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().get("status").asString()).isEqualTo("ACTIVE");
        for (int again = 0; again < 2; again++) {
            Api.Response used = activate(token, "another-Strong-passphrase-93");
            assertThat(used.status()).isEqualTo(409);
            assertThat(used.json().get("code").asString()).isEqualTo("ACTIVATION_TOKEN_USED");
        }
        assertThat(nordic.get("/api/v1/customers/" + customerId + "/users").json().get("items"))
                .singleElement().satisfies(user -> assertThat(user.get("status").asString()).isEqualTo("ACTIVE"));
    }

    @Test
    void refusesAnExpiredLinkAndANewLinkKillsTheOldOne() {
        String customerId = completed(nordic, Onboardings.swedishCustomerWithHostedServices());
        String email = "karin.lund+" + UUID.randomUUID().toString().substring(0, 8) + "@testbolag.se";
        Api.Response added = nordic.post("/api/v1/customers/" + customerId + "/users",
                newUser("karin.lund", email, null).toString());
        assertThat(added.status()).isEqualTo(201);
        String userId = added.json().get("id").asString();
        String first = awaitLinks(email, 1).getFirst();

        suite.advanceClock("identity-service", Duration.ofHours(73));

        Api.Response expired = activate(first, STRONG);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().get("code").asString()).isEqualTo("ACTIVATION_TOKEN_EXPIRED");

        Api.Response resent = nordic.post("/api/v1/customers/" + customerId + "/users/" + userId + "/activation", "");
        assertThat(resent.status()).isEqualTo(202);
        String second = awaitLinks(email, 2).get(1);
        assertThat(second).isNotEqualTo(first);
        Api.Response resentAgain = nordic.post("/api/v1/customers/" + customerId + "/users/" + userId
                + "/activation", "");
        assertThat(resentAgain.status()).isEqualTo(202);
        String third = awaitLinks(email, 3).get(2);

        Api.Response replaced = activate(second, STRONG);
        assertThat(replaced.status()).isEqualTo(400);
        assertThat(replaced.json().get("code").asString()).isEqualTo("ACTIVATION_TOKEN_INVALID");
        assertThat(replaced.text()).doesNotContain(email);
        assertThat(activate(third, STRONG).status()).isEqualTo(200);
    }

    @Test
    void keepsAtLeastOneAdminAndOneSiteAdminContact() {
        String customerId = completed(nordic, Onboardings.swedishCustomerWithHostedServices());
        String contacts = "/api/v1/customers/" + customerId + "/contacts";
        JsonNode given = nordic.get(contacts).json().get("items");
        assertThat(given.findValuesAsString("kind")).containsExactly("ADMIN", "SITE_ADMIN");
        String siteAdmin = given.get(1).get("id").asString();

        Api.Response last = nordic.delete(contacts + "/" + siteAdmin);
        assertThat(last.status()).isEqualTo(409);
        assertThat(last.json().get("code").asString()).isEqualTo("LAST_REQUIRED_CONTACT");

        ObjectNode another = Api.JSON.createObjectNode().put("kind", "SITE_ADMIN").put("name", "Karin Lund")
                .put("email", "karin.lund@testbolag.se").put("phone", "+46 31 765 43 21");
        assertThat(nordic.post(contacts, another.toString()).status()).isEqualTo(201);
        assertThat(nordic.delete(contacts + "/" + siteAdmin).status()).isEqualTo(204);
        assertThat(nordic.get(contacts).json().get("items").findValuesAsString("name"))
                .containsExactly("Bengt Testsson", "Karin Lund");
        assertThat(alpina.get(contacts).status()).as("another partner's customer").isEqualTo(404);
    }

    @Test
    void aCompensatedOnboardingLeavesNoUserContactOrLink() {
        try (BrokerProbe broker = BrokerProbe.connect()) {
            String replies = broker.tap("saga-replies");
            String events = broker.tap("identity-events");
            ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
            ArrayNode plans = (ArrayNode) request.get("plans");
            ((ObjectNode) plans.get(2)).put("planCode", "NO-SUCH-PLAN");

            Api.Response accepted = nordic.post("/api/v1/onboardings", request.toString());
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            JsonNode failed = awaitStatus(nordic, accepted.location(), "FAILED");
            assertThat(failed.get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
            String sagaId = failed.get("id").asString();
            String customerId = failed.get("customerId").asString();

            JsonNode created = next(broker, replies, m -> sagaId.equals(m.get("sagaId").asString())
                    && "AdministratorCreated".equals(m.get("type").asString()));
            String token = created.get("payload").get("activationToken").asString();
            String userId = created.get("payload").get("userId").asString();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            next(broker, events, m -> "UserDeleted".equals(m.get("type").asString())
                    && userId.equals(m.get("payload").get("userId").asString()));

            assertThat(nordic.get("/api/v1/customers/" + customerId + "/users").status()).isEqualTo(404);
            assertThat(nordic.get("/api/v1/customers/" + customerId + "/contacts").status()).isEqualTo(404);
            Api.Response dead = activate(token, STRONG);
            assertThat(dead.status()).isEqualTo(400);
            assertThat(dead.json().get("code").asString()).isEqualTo("ACTIVATION_TOKEN_INVALID");
        }
    }

    @Test
    void theOperatorCreatesAPartnerWhoseSecretIsShownOnceAndWorks() {
        Api operator = Api.operator();
        String partnerId = "fjord-it-" + UUID.randomUUID().toString().substring(0, 8);
        String request = Api.JSON.createObjectNode().put("id", partnerId).put("name", "Fjord IT AS").toString();

        Api.Response created = operator.post("/api/v1/operator/partners", request);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.location()).isEqualTo("/api/v1/operator/partners/" + partnerId);
        JsonNode client = created.json().get("client");
        assertThat(client.get("clientId").asString()).isEqualTo(partnerId + "-api");
        List<String> scopes = new ArrayList<>();
        client.get("scopes").forEach(scope -> scopes.add(scope.asString()));
        assertThat(scopes).containsExactlyInAnyOrder("onboarding", "catalog");
        String secret = client.get("clientSecret").asString();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");

        Api fjord = Api.partner(suite.gatewayUrl, partnerId + "-api", secret);
        Api.Response plans = fjord.get("/api/v1/plans");
        assertThat(plans.status()).as(plans.text()).isEqualTo(200);
        assertThat(fjord.get("/api/v1/inventory").json().get("items")).as("a new partner owns nothing").isEmpty();
        assertThatThrownBy(() -> Api.partner(suite.gatewayUrl, partnerId + "-api", secret + "x"))
                .hasMessageContaining("401");

        // Asking again never shows a secret again: the client exists, and so does the partner.
        Api.Response again = operator.post("/api/v1/operator/partners", request);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("CLIENT_ID_TAKEN");
        Api.Response secondClient = operator.post("/api/v1/operator/partners", Api.JSON.createObjectNode()
                .put("id", partnerId).put("name", "Fjord IT AS").put("clientId", partnerId + "-second").toString());
        assertThat(secondClient.status()).isEqualTo(409);
        assertThat(secondClient.json().get("code").asString()).isEqualTo("PARTNER_EXISTS");
        for (Api.Response answer : List.of(again, secondClient)) {
            assertThat(answer.text()).doesNotContain(secret).doesNotContain("clientSecret");
        }
        // No endpoint reads a partner back: the gateway routes only the POST of /api/v1/operator/partners.

        String nordicsTry = Api.JSON.createObjectNode().put("id", "nordic-sub-" + UUID.randomUUID().toString()
                .substring(0, 8)).put("name", "Nordic Sub AB").toString();
        Api.Response refused = nordic.post("/api/v1/operator/partners", nordicsTry);
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.text()).doesNotContain("clientSecret");
        assertThat(fjord.post("/api/v1/operator/partners", nordicsTry).status()).isEqualTo(403);
    }

    private Api.Response activate(String token, String password) {
        return anonymous.post("/api/v1/activation", Api.JSON.createObjectNode().put("token", token)
                .put("password", password).toString());
    }

    /** The tokens of the links e-mailed to {@code to} so far, oldest first, once there are {@code count}. */
    private List<String> awaitLinks(String to, int count) {
        return await("activation e-mail to " + to).atMost(SAGA).pollInterval(Duration.ofMillis(250))
                .until(() -> links(to), tokens -> tokens.size() >= count);
    }

    private List<String> links(String to) throws Exception {
        return Mails.activationTokens(suite.mail().getReceivedMessages(), to);
    }

    private static String completed(Api api, ObjectNode request) {
        Api.Response accepted = api.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return awaitStatus(api, accepted.location(), "COMPLETED").get("customerId").asString();
    }

    private static ObjectNode withoutPlans(ObjectNode request) {
        request.putArray("plans");
        request.put("acceptPaidPlans", false);
        return request;
    }

    private static ObjectNode newUser(String username, String email, String password) {
        ObjectNode user = Api.JSON.createObjectNode().put("username", username).put("firstName", "Karin")
                .put("lastName", "Lund").put("email", email);
        return password == null ? user : user.put("password", password);
    }

    private static JsonNode awaitStatus(Api api, String location, String status) {
        return await(location + " " + status).atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(location).json(), o -> status.equals(o.get("status").asString()));
    }

    private static JsonNode next(BrokerProbe broker, String tap, java.util.function.Predicate<JsonNode> wanted) {
        return await("message on " + tap).atMost(SAGA).until(() -> {
            Optional<String> body = broker.receive(tap, Duration.ofMillis(200));
            return body.map(b -> Api.JSON.readTree(b.getBytes(StandardCharsets.UTF_8))).filter(wanted).orElse(null);
        }, java.util.Objects::nonNull);
    }
}
