package io.provisio.customer.drafts.web;

import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * The drafts API (ADR 027) against the real store: kept per partner, resumed by any of its staff, versions that
 * refuse a stale save, every mistake in one problem+json, and nothing of another partner's visible.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class OnboardingDraftsIT {

    private static final String PATH = "/api/v1/onboarding-drafts";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;

    @Test
    void keepsAPartialRequestThatAnotherStaffMemberOfThePartnerResumesAndChanges() throws Exception {
        String partner = "drafts-" + suffix();
        String request = "{\"customer\":{\"companyName\":\"Testbolag Göteborg AB\",\"accountName\":\"testbolag\","
                + "\"address\":{\"city\":\"Göteborg\"}},\"plans\":[{\"planCode\":\"HOSTED-EXCHANGE\",\"units\":\"25\"}]}";

        MvcResult created = call(post(PATH), partner, "staff-anna", "{\"name\":\"Testbolag\",\"request\":" + request
                + "}");

        assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(201);
        JsonNode draft = json.readTree(body(created));
        String id = draft.get("id").asString();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo(PATH + "/" + id);
        assertThat(created.getResponse().getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(draft.get("version").asLong()).isEqualTo(1);
        assertThat(draft.get("updatedBy").asString()).isEqualTo("staff-anna");
        assertThat(draft.get("request")).isEqualTo(json.readTree(request));

        MvcResult read = call(get(PATH + "/" + id), partner, "staff-bo", null);
        assertThat(read.getResponse().getStatus()).isEqualTo(200);
        assertThat(json.readTree(body(read)).get("request").get("customer").get("companyName").asString())
                .isEqualTo("Testbolag Göteborg AB");

        MvcResult changed = call(put(PATH + "/" + id).header("If-Match", "\"1\""), partner, "staff-bo",
                "{\"name\":\"Testbolag, step 2\",\"request\":{\"customer\":{\"companyName\":\"Testbolag AB\"}}}");
        assertThat(changed.getResponse().getStatus()).as(body(changed)).isEqualTo(200);
        JsonNode second = json.readTree(body(changed));
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(second.get("updatedBy").asString()).isEqualTo("staff-bo");
        assertThat(second.get("createdAt")).isEqualTo(draft.get("createdAt"));
        assertThat(changed.getResponse().getHeader("ETag")).isEqualTo("\"2\"");

        JsonNode list = json.readTree(body(call(get(PATH), partner, "staff-anna", null)));
        assertThat(list.get("total").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("companyName").asString()).isEqualTo("Testbolag AB");
        assertThat(list.get("items").get(0).get("name").asString()).isEqualTo("Testbolag, step 2");
        assertThat(list.get("items").get(0).has("request")).isFalse();
    }

    @Test
    void listsThePartnersDraftsLastChangedFirstAndPaged() throws Exception {
        String partner = "drafts-" + suffix();
        String first = id(call(post(PATH), partner, "s", "{\"request\":{\"customer\":{\"accountName\":\"one\"}}}"));
        String second = id(call(post(PATH), partner, "s", "{\"request\":{\"customer\":{\"accountName\":\"two\"}}}"));
        call(put(PATH + "/" + first), partner, "s", "{\"version\":1,\"request\":{\"customer\":{\"accountName\":"
                + "\"one-again\"}}}");

        JsonNode page = json.readTree(body(call(get(PATH + "?size=1"), partner, "s", null)));

        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(first);
        JsonNode next = json.readTree(body(call(get(PATH + "?size=1&page=1"), partner, "s", null)));
        assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(second);
    }

    @Test
    void answersAnotherPartnersDraftExactlyLikeAMissingOne() throws Exception {
        String owner = "drafts-" + suffix();
        String id = id(call(post(PATH), owner, "s", "{\"request\":{\"customer\":{\"accountName\":\"mine\"}}}"));
        String other = "drafts-" + suffix();
        String missing = "drf-" + UUID.randomUUID();

        for (MockHttpServletRequestBuilder attempt : new MockHttpServletRequestBuilder[] {get(PATH + "/" + id),
                put(PATH + "/" + id).header("If-Match", "\"1\""), delete(PATH + "/" + id)}) {
            MvcResult foreign = call(attempt, other, "s", "{\"request\":{}}");
            assertThat(foreign.getResponse().getStatus()).isEqualTo(404);
            assertThat(json.readTree(body(foreign)).get("code").asString()).isEqualTo("NOT_FOUND");
        }
        assertThat(call(get(PATH + "/" + missing), other, "s", null).getResponse().getStatus()).isEqualTo(404);
        assertThat(json.readTree(body(call(get(PATH), other, "s", null))).get("total").asLong()).isZero();
        JsonNode kept = json.readTree(body(call(get(PATH + "/" + id), owner, "s", null)));
        assertThat(kept.get("version").asLong()).isEqualTo(1);
        assertThat(kept.get("request").get("customer").get("accountName").asString()).isEqualTo("mine");
    }

    @Test
    void refusesAStaleSaveWith412ForIfMatchAnd409ForTheBodysVersionAndOneWithoutAVersionWith428()
            throws Exception {
        String partner = "drafts-" + suffix();
        String id = id(call(post(PATH), partner, "anna", "{\"request\":{\"customer\":{\"accountName\":\"v1\"}}}"));
        assertThat(call(put(PATH + "/" + id).header("If-Match", "\"1\""), partner, "bo",
                "{\"request\":{\"customer\":{\"accountName\":\"bo\"}}}").getResponse().getStatus()).isEqualTo(200);

        MvcResult staleHeader = call(put(PATH + "/" + id).header("If-Match", "\"1\""), partner, "anna",
                "{\"request\":{\"customer\":{\"accountName\":\"anna\"}}}");
        MvcResult staleBody = call(put(PATH + "/" + id), partner, "anna",
                "{\"version\":1,\"request\":{\"customer\":{\"accountName\":\"anna\"}}}");
        MvcResult unversioned = call(put(PATH + "/" + id), partner, "anna",
                "{\"request\":{\"customer\":{\"accountName\":\"anna\"}}}");

        assertThat(staleHeader.getResponse().getStatus()).isEqualTo(412);
        assertThat(json.readTree(body(staleHeader)).get("code").asString()).isEqualTo("DRAFT_CHANGED");
        assertThat(json.readTree(body(staleHeader)).get("detail").asString()).contains("version 2");
        assertThat(staleBody.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(body(staleBody)).get("code").asString()).isEqualTo("DRAFT_CHANGED");
        assertThat(unversioned.getResponse().getStatus()).isEqualTo(428);
        assertThat(json.readTree(body(unversioned)).get("code").asString()).isEqualTo("VERSION_REQUIRED");
        JsonNode kept = json.readTree(body(call(get(PATH + "/" + id), partner, "s", null)));
        assertThat(kept.get("version").asLong()).isEqualTo(2);
        assertThat(kept.get("updatedBy").asString()).isEqualTo("bo");
        assertThat(kept.get("request").get("customer").get("accountName").asString()).isEqualTo("bo");
    }

    @Test
    void reportsEveryMistakeOfADraftAtOnceAndKeepsNothing() throws Exception {
        String partner = "drafts-" + suffix();
        String huge = "x".repeat(OnboardingDraftController.MAX_REQUEST_BYTES);

        MvcResult refused = call(post(PATH), partner, "s", "{\"name\":" + "\"n\"".replace("n",
                "n".repeat(201)) + ",\"colour\":\"blue\",\"request\":{\"administrator\":{\"password\":"
                + "\"Secret-Passw0rd!\"},\"notes\":\"" + huge + "\"}}");
        MvcResult notAnObject = call(post(PATH), partner, "s", "{\"request\":[1,2]}");
        String id = id(call(post(PATH), partner, "s", "{\"request\":{}}"));
        MvcResult badVersion = call(put(PATH + "/" + id).header("If-Match", "soon"), partner, "s",
                "{\"version\":\"one\",\"request\":null}");

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(body(refused));
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "colour",
                "request", "request.administrator.password");
        assertThat(body(refused)).doesNotContain("Secret-Passw0rd!");
        assertThat(json.readTree(body(notAnObject)).get("errors").findValuesAsString("field"))
                .containsExactly("request");
        assertThat(badVersion.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(body(badVersion)).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("If-Match", "version", "request");
        assertThat(json.readTree(body(call(get(PATH), partner, "s", null))).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void deletesADraftOnceAndThenAnswers404() throws Exception {
        String partner = "drafts-" + suffix();
        String id = id(call(post(PATH), partner, "s", "{\"request\":{\"customer\":{}}}"));

        assertThat(call(delete(PATH + "/" + id), partner, "other-staff", null).getResponse().getStatus())
                .isEqualTo(204);

        assertThat(call(delete(PATH + "/" + id), partner, "s", null).getResponse().getStatus()).isEqualTo(404);
        assertThat(call(get(PATH + "/" + id), partner, "s", null).getResponse().getStatus()).isEqualTo(404);
        assertThat(call(put(PATH + "/" + id).header("If-Match", "\"1\""), partner, "s", "{\"request\":{}}")
                .getResponse().getStatus()).isEqualTo(404);
    }

    private MvcResult call(MockHttpServletRequestBuilder request, String partnerId, String subject, String body)
            throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(staff(partnerId, subject))).andReturn();
    }

    private String id(MvcResult created) throws Exception {
        assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(201);
        return json.readTree(body(created)).get("id").asString();
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestPostProcessor staff(String partnerId, String subject) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.claim("partner_id", partnerId).subject(subject))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
