package io.provisio.customer.onboarding.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.identity.contracts.IdentityChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.provisio.customer.onboarding.web.OnboardingApiIT.REQUEST;
import static io.provisio.customer.onboarding.web.OnboardingApiIT.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The operator's onboarding API against the real broker, with customer-service alone: every onboarding stops at
 * CREATE_ADMINISTRATOR, whose owner is not running, which is what a stuck saga looks like to an operator. The list
 * spans partners; a retry sends the waiting command again; a forced compensation undoes what was done.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class OperatorOnboardingIT {

    private static final String BASE = "/api/v1/operator/onboardings";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    private final BrokerProbe broker = BrokerProbe.connect();

    @AfterEach
    void closeProbe() {
        broker.close();
    }

    @Test
    void listsWaitingOnboardingsOfEveryPartnerAndRetriesTheWaitingCommandNow() throws Exception {
        String identityCommands = broker.tap(IdentityChannels.COMMANDS);
        String nordic = startAndAwaitAdministratorStep("nordic-it");
        String alpine = startAndAwaitAdministratorStep("alpine-it");

        JsonNode waiting = call(get(BASE + "?size=200"), operator(), 200);
        assertThat(entry(waiting, nordic).get("partnerId").asString()).isEqualTo("nordic-it");
        assertThat(entry(waiting, alpine).get("partnerId").asString()).isEqualTo("alpine-it");
        assertThat(entry(waiting, nordic).get("waiting").get("step").asString()).isEqualTo("CREATE_ADMINISTRATOR");
        assertThat(entry(waiting, nordic).get("waiting").get("attempts").asInt()).isEqualTo(1);
        // Fresh, so not among those unchanged for an hour; and no partner token opens the operator's list.
        assertThat(ids(call(get(BASE + "?olderThan=PT1H&size=200"), operator(), 200))).doesNotContain(nordic, alpine);
        assertThat(ids(call(get(BASE + "?status=COMPLETED&size=200"), operator(), 200))).doesNotContain(nordic);
        call(get(BASE), partner("nordic-it"), 403);
        call(get(BASE + "?olderThan=soon"), operator(), 400);

        JsonNode retried = call(post(BASE + "/" + nordic + "/retry"), operator(), 202);

        assertThat(retried.get("waiting").get("attempts").asInt()).isEqualTo(2);
        List<String> commands = received(identityCommands, nordic, 2);
        assertThat(commands).hasSize(2).allMatch(body -> body.contains("\"CreateAdministrator\""));
        call(post(BASE + "/onb-" + UUID.randomUUID() + "/retry"), operator(), 404);
    }

    @Test
    void compensatesARunningOnboardingOnceAndSaysWhyItWillNotTwice() throws Exception {
        String identityCommands = broker.tap(IdentityChannels.COMMANDS);
        String id = startAndAwaitAdministratorStep("nordic-it");

        JsonNode compensating = call(post(BASE + "/" + id + "/compensate").contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"the partner cancelled the order\"}"), operator(), 202);

        JsonNode onboarding = compensating.get("onboarding");
        assertThat(onboarding.get("status").asString()).isEqualTo("COMPENSATING");
        assertThat(onboarding.get("failure").get("code").asString()).isEqualTo("OPERATOR_ABORTED");
        assertThat(onboarding.get("failure").get("message").asString()).contains("the partner cancelled the order");
        // The running step may have acted: its undo goes out first, to the administrator's owner.
        assertThat(compensating.get("waiting").get("step").asString()).isEqualTo("CREATE_ADMINISTRATOR");
        assertThat(compensating.get("waiting").get("status").asString()).isEqualTo("COMPENSATING");
        assertThat(received(identityCommands, id, 2)).anyMatch(body -> body.contains("\"DeleteAdministrator\""));

        JsonNode again = call(post(BASE + "/" + id + "/compensate"), operator(), 409);
        assertThat(again.get("code").asString()).isEqualTo("ALREADY_COMPENSATING");
        // The partner sees its onboarding being undone, as after a time-out.
        assertThat(call(get("/api/v1/onboardings/" + id), partner("nordic-it"), 200).get("status").asString())
                .isEqualTo("COMPENSATING");
    }

    private String startAndAwaitAdministratorStep(String partnerId) throws Exception {
        String account = "op-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult accepted = mvc.perform(post("/api/v1/onboardings").with(partner(partnerId))
                .contentType(MediaType.APPLICATION_JSON).content(REQUEST.formatted(account))).andReturn();
        assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
        String location = accepted.getResponse().getHeader("Location");
        await().atMost(Duration.ofSeconds(20)).until(() -> call(get(location), partner(partnerId), 200),
                o -> "RUNNING".equals(o.get("steps").get(1).get("status").asString()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** The tap's messages of one saga, until {@code count} have come (or the bound passes). */
    private List<String> received(String tap, String sagaId, int count) {
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            broker.receive(tap, Duration.ofMillis(200)).filter(body -> body.contains(sagaId)).ifPresent(bodies::add);
            return bodies.size() >= count;
        });
        return bodies;
    }

    private JsonNode call(MockHttpServletRequestBuilder request, RequestPostProcessor token, int status)
            throws Exception {
        MvcResult result = mvc.perform(request.with(token)).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        String body = result.getResponse().getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }

    private static JsonNode entry(JsonNode page, String id) {
        return page.get("items").valueStream().filter(o -> o.get("onboarding").get("id").asString().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(id + " not listed in " + page));
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(o -> o.get("onboarding").get("id").asString()).toList();
    }

    private static RequestPostProcessor operator() {
        return jwt().jwt(j -> j.subject("provisio-ops-api").claim("partner_id", "provisio"))
                .authorities(new SimpleGrantedAuthority("SCOPE_operator"));
    }
}
