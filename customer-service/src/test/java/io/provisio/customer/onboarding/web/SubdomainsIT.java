package io.provisio.customer.onboarding.web;

import java.time.Duration;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.provisio.customer.onboarding.web.OnboardingApiIT.REQUEST;
import static io.provisio.customer.onboarding.web.OnboardingApiIT.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** {@code GET /api/v1/subdomains/{name}}: free, reserved by the partner's own onboarding, or claimed platform-wide. */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class SubdomainsIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void aNameIsTakenOnceAnOnboardingHoldsItForItsPartnerAndOnceItsCustomerClaimsItForEveryone() throws Exception {
        String name = "lakrits-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode free = check(name, "nordic-it");
        assertThat(free.get("available").asBoolean()).isTrue();
        assertThat(free.get("subdomain").asString()).isEqualTo(name + ".provisio.cloud");
        assertThat(free.get("suggestions")).isEmpty();

        MvcResult started = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON).content(REQUEST.formatted(name))).andReturn();
        assertThat(started.getResponse().getStatus()).isEqualTo(202);
        JsonNode reserved = check(name, "nordic-it");
        assertThat(reserved.get("available").asBoolean()).isFalse();
        assertThat(reserved.get("suggestions").valueStream().map(JsonNode::asString))
                .containsExactly(name + "-2", name + "-3", name + "-4");

        // REGISTER_CUSTOMER claims <name>.provisio.cloud for the platform: another partner sees it taken too.
        await().atMost(Duration.ofSeconds(20)).until(() -> !check(name, "alpina-it").get("available").asBoolean());
        JsonNode otherPartner = check(name, "alpina-it");
        assertThat(otherPartner.get("suggestions")).hasSize(3);
        assertThat(otherPartner.toString()).doesNotContain("nordic-it");
    }

    @Test
    void refusesANameNoAccountCouldHave() throws Exception {
        MvcResult invalid = mvc.perform(get("/api/v1/subdomains/Not_A_Name").with(partner("nordic-it"))).andReturn();

        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        assertThat(invalid.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(invalid.getResponse().getContentAsString()).get("errors").get(0).get("field")
                .asString()).isEqualTo("name");
    }

    private JsonNode check(String name, String partnerId) throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/subdomains/" + name).with(partner(partnerId))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        return json.readTree(result.getResponse().getContentAsString());
    }
}
