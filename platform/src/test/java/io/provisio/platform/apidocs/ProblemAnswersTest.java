package io.provisio.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

/** The rules by which every operation of a service's document gets its problem answers (ADR 019). */
class ProblemAnswersTest {

    private final ProblemAnswers answers = new ProblemAnswers(List.of("/api/v1/activation"));

    @Test
    void aWriteWithABodyAndAnIdempotencyKeyMayAnswerEveryProblem() {
        Operation start = new Operation().requestBody(new RequestBody())
                .addParametersItem(new HeaderParameter().name("Idempotency-Key"))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")));
        OpenAPI document = document("/api/v1/onboardings", new PathItem().post(start));

        answers.customise(document);

        assertThat(start.getResponses()).containsOnlyKeys("200", "400", "401", "403", "409", "413", "422", "429",
                "500", "503");
        assertThat(start.getResponses().get("422").getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(start.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsKey(ProblemAnswers.PARTNER_TOKEN));
        assertThat(document.getComponents().getSchemas()).containsKeys("Problem", "FieldProblem");
    }

    @Test
    void aReadOfOneResourceMayBeNotFoundButNeverAConflict() {
        Operation read = new Operation().addParametersItem(new QueryParameter().name("page"));

        answers.customise(document("/api/v1/customers/{id}", new PathItem().get(read)));

        assertThat(read.getResponses()).containsOnlyKeys("400", "401", "403", "404", "429", "500", "503");
    }

    @Test
    void anOpenPathNeedsNoTokenAndSoAnswersNo401Or403() {
        Operation activate = new Operation().requestBody(new RequestBody());

        answers.customise(document("/api/v1/activation", new PathItem().post(activate)));

        assertThat(activate.getSecurity()).isEmpty();
        assertThat(activate.getResponses()).doesNotContainKeys("401", "403").containsKeys("400", "409", "429");
    }

    @Test
    void documentedPathsLoseTheirVariablesRegularExpressions() {
        assertThat(DocumentedEndpoints.withoutRegex("/api/v1/operator/dead-letters/{queue:.+}/redrive"))
                .isEqualTo("/api/v1/operator/dead-letters/{queue}/redrive");
        assertThat(DocumentedEndpoints.withoutRegex("/api/v1/customers/{id}")).isEqualTo("/api/v1/customers/{id}");
    }

    @Test
    void controllersNamesBecomeReadableTags() {
        assertThat(ApiDocsAutoConfiguration.readable("operator-onboarding-controller")).isEqualTo("Operator onboarding");
        assertThat(ApiDocsAutoConfiguration.readable("customer-controller")).isEqualTo("Customer");
        assertThat(ApiDocsAutoConfiguration.readable("Plans")).isEqualTo("Plans");
    }

    private static OpenAPI document(String path, PathItem item) {
        return new OpenAPI().paths(new Paths().addPathItem(path, item));
    }
}
