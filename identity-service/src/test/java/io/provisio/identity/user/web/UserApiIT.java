package io.provisio.identity.user.web;

import java.time.Instant;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.persistence.ContactStore;
import io.provisio.identity.user.persistence.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

@IdentityServiceTest
class UserApiIT {

    static final String HASH = "{bcrypt}$2a$10$jXve0jl9k.B8VToIiXX90OCHQiUIZMZFX6dD7X9aRjgP9DJabdFWO";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    UserStore users;

    @Autowired
    ContactStore contacts;

    String customerId;

    @BeforeEach
    void customerOfNordicIt() {
        customerId = UUID.randomUUID().toString();
        String sagaId = UUID.randomUUID().toString();
        users.insert(User.administrator(UUID.randomUUID().toString(), "nordic-it", customerId, sagaId,
                "bengt.testsson", "Bengt", "Testsson", null, "bengt." + sagaId + "@testbolag.se", HASH,
                "testbolag.se", Instant.now()));
        contacts.save(new Contact(UUID.randomUUID().toString(), "nordic-it", customerId, sagaId, 0, "SITE_ADMIN",
                "Åsa Öberg", "asa.oberg@testbolag.se", null));
    }

    @Test
    void listsUsersWithoutPasswordOrHash() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", customerId).with(partner("nordic-it")))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContainIgnoringCase("password").doesNotContain("$2a$").doesNotContain("bcrypt");
        JsonNode page = json.readTree(body);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        JsonNode user = page.get("items").get(0);
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "upn", "username", "firstName",
                "lastName", "displayName", "email", "role", "status");
        assertThat(user.get("upn").asString()).isEqualTo("bengt.testsson@testbolag.se");
        assertThat(user.get("role").asString()).isEqualTo("ADMINISTRATOR");
        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void listsContacts() throws Exception {
        JsonNode page = json.readTree(mvc.perform(get("/api/v1/customers/{id}/contacts", customerId)
                .with(partner("nordic-it"))).andReturn().getResponse().getContentAsString());

        assertThat(page.get("total").asLong()).isEqualTo(1);
        JsonNode contact = page.get("items").get(0);
        assertThat(contact.propertyNames()).containsExactlyInAnyOrder("id", "kind", "name", "email", "phone");
        assertThat(contact.get("name").asString()).isEqualTo("Åsa Öberg");
    }

    @Test
    void showsAnotherPartnerAnEmptyList() throws Exception {
        for (String list : new String[] {"users", "contacts"}) {
            JsonNode page = json.readTree(mvc.perform(get("/api/v1/customers/{id}/" + list, customerId)
                    .with(partner("alpine-msp"))).andReturn().getResponse().getContentAsString());

            assertThat(page.get("items")).isEmpty();
            assertThat(page.get("total").asLong()).isZero();
        }
    }

    @Test
    void refusesTokenWithoutOnboardingScope() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", customerId)
                .with(jwt().jwt(j -> j.claim("partner_id", "nordic-it"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_catalog")))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void rejectsPageSizeAbove200() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", customerId).param("size", "201")
                .with(partner("nordic-it"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("VALIDATION_FAILED");
    }

    private static RequestPostProcessor partner(String partnerId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
