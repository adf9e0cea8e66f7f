package io.provisio.platform.apidocs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the RFC 9457 problem answers (API.md, "Conventions") to every operation of a service's document, by rules
 * rather than by annotations on each controller method, so a new endpoint is documented with them at once:
 * <ul>
 * <li>400 when the operation takes a body or a parameter (validation, malformed JSON), 413 when it takes a body;</li>
 * <li>401 and 403 unless the path is open ({@code provisio.api-docs.open-paths}: the activation link's target);</li>
 * <li>404 when the path names a resource ({@code {id}}): unknown, or another partner's;</li>
 * <li>409 on writes (POST, PUT, PATCH, DELETE): a taken name, the last required contact, no units left;</li>
 * <li>422 when the operation reads {@code Idempotency-Key} (the key reused with another body);</li>
 * <li>429 (rate limit, at the gateway), 500 and 503 (a dependency away, or the breaker open) on every one.</li>
 * </ul>
 * An operation may answer fewer of these than listed (a POST that can never conflict still lists 409): the rules
 * err towards listing what a client must be ready for. Every problem answer has the {@code Problem} schema.
 */
public final class ProblemAnswers implements OpenApiCustomizer {

    /** The schema of every error answer; the gateway's merged document keeps this name. */
    public static final String PROBLEM = "Problem";
    /** The security scheme the gateway's document defines (OAuth2 client credentials at its token endpoint). */
    public static final String PARTNER_TOKEN = "partner-token";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private final List<String> openPaths;

    public ProblemAnswers(List<String> openPaths) {
        this.openPaths = List.copyOf(openPaths);
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas("FieldProblem", new ObjectSchema()
                .description("One invalid field of a 400 VALIDATION_FAILED")
                .addProperty("field", new StringSchema().example("administrator.email"))
                .addProperty("message", new StringSchema().example("must be a well-formed email address")));
        components.addSchemas(PROBLEM, new ObjectSchema()
                .description("RFC 9457 problem details; `code` is the stable machine code (API.md)")
                .addProperty("type", new StringSchema().format("uri")
                        .example("https://provisio.io/problems/validation-failed"))
                .addProperty("title", new StringSchema().example("The request is not valid"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("2 field(s) are invalid"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().example("VALIDATION_FAILED"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref(ref("FieldProblem"))))
                .required(List.of("type", "title", "status", "code")));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                answers(path, method, operation).forEach((status, description) -> {
                    ApiResponses responses = operation.getResponses() == null ? new ApiResponses()
                            : operation.getResponses();
                    operation.setResponses(responses);
                    responses.computeIfAbsent(status, s -> new ApiResponse().description(description)
                            .content(new Content().addMediaType(PROBLEM_JSON,
                                    new MediaType().schema(new Schema<>().$ref(ref(PROBLEM))))));
                })));
    }

    /** Which problem answers an operation can give, by status, with what they mean. */
    Map<String, String> answers(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = openPaths.contains(path);
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        Map<String, String> answers = new LinkedHashMap<>();
        if (body || parameters) {
            answers.put("400", "Invalid request: `VALIDATION_FAILED` with every invalid field in `errors`, or "
                    + "`MALFORMED_REQUEST`");
        }
        if (open) {
            operation.setSecurity(List.of());
        } else {
            operation.setSecurity(List.of(new SecurityRequirement().addList(PARTNER_TOKEN)));
            answers.put("401", "`UNAUTHORIZED`: no bearer token, or one that is invalid or expired");
            answers.put("403", "`FORBIDDEN`: the token lacks the scope this call needs");
        }
        if (path.contains("{")) {
            answers.put("404", "`NOT_FOUND`: no such resource, or one of another partner");
        }
        if (WRITES.contains(method)) {
            answers.put("409", "A conflict with the resource's state (e.g. `ACCOUNT_NAME_TAKEN`, "
                    + "`LAST_REQUIRED_CONTACT`, `NO_UNITS_LEFT`)");
        }
        if (body) {
            answers.put("413", "`PAYLOAD_TOO_LARGE`: the body is over the gateway's limit");
        }
        if (parameters && operation.getParameters().stream()
                .anyMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equalsIgnoreCase(p.getName()))) {
            answers.put("422", "`IDEMPOTENCY_KEY_REUSED`: the key was used with another body");
        }
        answers.put("429", "`RATE_LIMITED`: over the caller's request budget; see `Retry-After`");
        answers.put("500", "`INTERNAL_ERROR`: a fault on our side, with nothing of it in the answer");
        answers.put("503", "`SERVICE_UNAVAILABLE`: a service or its store is away for a moment; retry later");
        return answers;
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }
}
