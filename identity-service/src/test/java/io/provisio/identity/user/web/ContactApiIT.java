package io.provisio.identity.user.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.provisio.identity.user.web.UserApiIT.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IdentityServiceTest
class ContactApiIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    UserStore users;

    @Autowired
    OrganizationStore organizations;

    Customers.Onboarded testbolag;

    @BeforeEach
    void customerOfNordicIt() {
        testbolag = Customers.testbolag(organizations, users, "nordic-it");
    }

    @Test
    void listsContactsInTheOrderTheyWereGiven() throws Exception {
        JsonNode page = json.readTree(mvc.perform(get("/api/v1/customers/{id}/contacts", testbolag.customerId())
                .with(partner("nordic-it"))).andReturn().getResponse().getContentAsString());

        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").get(0).propertyNames()).containsExactlyInAnyOrder("id", "kind", "name", "email",
                "phone");
        assertThat(page.get("items").findValuesAsString("kind")).containsExactly("ADMIN", "SITE_ADMIN");
        assertThat(page.get("items").get(1).get("name").asString()).isEqualTo("Åsa Öberg");
    }

    @Test
    void addsAContactOfAnyKind() throws Exception {
        MvcResult result = add(contact("OTHER", "Karin Lund", "karin.lund@testbolag.se", "+46 31 765 43 21"));

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        JsonNode contact = json.readTree(result.getResponse().getContentAsString());
        assertThat(result.getResponse().getHeader("Location")).endsWith("/contacts/" + contact.get("id").asString());
        assertThat(contact.get("kind").asString()).isEqualTo("OTHER");
        assertThat(contacts()).hasSize(3);
    }

    @Test
    void reportsEveryInvalidContactFieldAtOnce() throws Exception {
        MvcResult result = add(contact("BOSS", " ", "nope", null));

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("kind", "name",
                "email");
        assertThat(contacts()).hasSize(2);
    }

    @Test
    void refusesToDeleteTheLastSiteAdmin() throws Exception {
        MvcResult result = remove(testbolag.siteAdminContactId());

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("LAST_REQUIRED_CONTACT");
        assertThat(contacts()).hasSize(2);
    }

    @Test
    void deletesASiteAdminWhenAnotherRemains() throws Exception {
        add(contact("SITE_ADMIN", "Karin Lund", "karin.lund@testbolag.se", null));

        assertThat(remove(testbolag.siteAdminContactId()).getResponse().getStatus()).isEqualTo(204);

        assertThat(contacts().findValuesAsString("name")).containsExactly("Bengt Testsson", "Karin Lund");
        assertThat(remove(contacts().get(1).get("id").asString()).getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void deletesTheAdminContactBecauseTheAdministratorCountsAsOne() throws Exception {
        assertThat(remove(testbolag.adminContactId()).getResponse().getStatus()).isEqualTo(204);

        assertThat(contacts().findValuesAsString("kind")).containsExactly("SITE_ADMIN");
    }

    @Test
    void answersNotFoundForAnotherPartnersContactAndKeepsIt() throws Exception {
        MvcResult result = mvc.perform(delete("/api/v1/customers/{id}/contacts/{cid}", testbolag.customerId(),
                testbolag.adminContactId()).with(partner("alpine-msp"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(404);
        assertThat(remove("no-such-contact").getResponse().getStatus()).isEqualTo(404);
        assertThat(contacts()).hasSize(2);
    }

    private JsonNode contacts() throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/customers/{id}/contacts", testbolag.customerId())
                .with(partner("nordic-it"))).andReturn().getResponse().getContentAsString()).get("items");
    }

    private MvcResult add(Map<String, Object> contact) throws Exception {
        return mvc.perform(post("/api/v1/customers/{id}/contacts", testbolag.customerId()).with(partner("nordic-it"))
                .contentType("application/json").content(json.writeValueAsString(contact))).andReturn();
    }

    private MvcResult remove(String contactId) throws Exception {
        return mvc.perform(delete("/api/v1/customers/{id}/contacts/{cid}", testbolag.customerId(), contactId)
                .with(partner("nordic-it"))).andReturn();
    }

    private static Map<String, Object> contact(String kind, String name, String email, String phone) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("kind", kind);
        contact.put("name", name);
        contact.put("email", email);
        contact.put("phone", phone);
        return contact;
    }
}
