package io.provisio.customer.drafts.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import io.provisio.customer.drafts.application.OnboardingDrafts;
import io.provisio.customer.drafts.domain.Draft;
import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/onboarding-drafts} (ADR 027): unfinished onboarding requests, kept per partner. A draft's request
 * is not judged (the dry run does that); only its size, its shape (an object) and that it holds no password are. The
 * version is the ETag; a PUT names the version it was made from, in {@code If-Match} (a stale one is HTTP's own 412)
 * or in the body's {@code version} (409), and one without either is refused (428), so no save overwrites another
 * unseen.
 */
@RestController
@RequestMapping("/api/v1/onboarding-drafts")
class OnboardingDraftController {

    /** A complete onboarding request with 50 plans and dozens of contacts is ~15 KB; this leaves room, not a store. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final int MAX_NAME_LENGTH = 200;
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Set<String> FIELDS = Set.of("name", "request");
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final OnboardingDrafts drafts;
    private final JsonMapper json;

    OnboardingDraftController(OnboardingDrafts drafts, JsonMapper json) {
        this.drafts = drafts;
        this.json = json;
    }

    @ApiResponse(responseCode = "201", description = "Kept: Location names the draft, ETag is its version",
            useReturnTypeSchema = true)
    @PostMapping
    ResponseEntity<DraftView> create(PartnerId partner, @AuthenticationPrincipal Jwt token,
                                     @RequestBody JsonNode body) {
        Draft.Content content = content(body, false);
        Draft draft = drafts.create(partner.value(), content, subject(token));
        return ResponseEntity.created(URI.create("/api/v1/onboarding-drafts/" + draft.id()))
                .eTag(etag(draft)).body(view(draft));
    }

    @GetMapping
    Page<DraftSummaryView> list(PartnerId partner, @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        List<DraftSummaryView> items = drafts.list(partner.value(), query.skip(), query.size()).stream()
                .map(d -> new DraftSummaryView(d.id(), d.name(), d.companyName(), d.accountName(), d.createdAt(),
                        d.updatedAt(), d.updatedBy(), d.version())).toList();
        return query.answer(items, drafts.count(partner.value()));
    }

    @ApiResponse(responseCode = "200", description = "The draft; ETag is its version", useReturnTypeSchema = true)
    @GetMapping("/{id}")
    ResponseEntity<DraftView> get(PartnerId partner, @PathVariable String id) {
        Draft draft = drafts.get(partner.value(), id).orElseThrow(() -> ApiProblem.notFound("Draft", id));
        return ResponseEntity.ok().eTag(etag(draft)).body(view(draft));
    }

    @ApiResponse(responseCode = "200", description = "Replaced: the new version; ETag is its version",
            useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "DRAFT_CHANGED: the body's version is not the draft's latest",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "412", description = "DRAFT_CHANGED: If-Match is not the draft's latest version",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "428", description = "VERSION_REQUIRED: neither If-Match nor a version was given",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    @PutMapping("/{id}")
    ResponseEntity<DraftView> replace(PartnerId partner, @AuthenticationPrincipal Jwt token, @PathVariable String id,
                                      @Parameter(description = "the version the change was made from, as its ETag")
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        OptionalLong fromHeader = ifMatch == null ? OptionalLong.empty() : ifMatch(ifMatch, errors);
        OptionalLong fromBody = body instanceof ObjectNode object && object.has("version")
                ? version(object.get("version"), errors) : OptionalLong.empty();
        Draft.Content content;
        try {
            content = content(body, true);
        } catch (ApiProblem problem) {
            errors.addAll(problem.errors());
            content = null;
        }
        if (fromHeader.isPresent() && fromBody.isPresent() && fromHeader.getAsLong() != fromBody.getAsLong()) {
            errors.add(new FieldError("version", "differs from If-Match; give one of them"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        boolean anyVersion = ifMatch != null && ifMatch.trim().equals("*");
        if (fromHeader.isEmpty() && fromBody.isEmpty() && !anyVersion) {
            throw new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "VERSION_REQUIRED", "Version required",
                    "Say which version the change was made from: If-Match: \"<version>\" or \"version\" in the body");
        }
        OptionalLong expected = fromHeader.isPresent() ? fromHeader : fromBody;
        try {
            Draft draft = drafts.replace(partner.value(), id, expected, content, subject(token));
            return ResponseEntity.ok().eTag(etag(draft)).body(view(draft));
        } catch (Refusal refusal) {
            // HTTP fixes this status itself: a failed If-Match is 412 (RFC 9110), whoever decided it.
            if (fromHeader.isPresent() && OnboardingDrafts.DRAFT_CHANGED.equals(refusal.code())) {
                throw new ApiProblem(HttpStatus.PRECONDITION_FAILED, refusal.code(), refusal.title(),
                        refusal.getMessage());
            }
            throw refusal;
        }
    }

    @ApiResponse(responseCode = "204", description = "Deleted", content = @Content(schema = @Schema(hidden = true)))
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(PartnerId partner, @PathVariable String id) {
        if (!drafts.delete(partner.value(), id)) {
            throw ApiProblem.notFound("Draft", id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The body's {@code name} and {@code request}, every mistake in one 400. */
    private Draft.Content content(JsonNode body, boolean mayHaveVersion) {
        List<FieldError> errors = new ArrayList<>();
        if (!(body instanceof ObjectNode object)) {
            throw ApiProblem.validation(List.of(new FieldError("", "must be a JSON object with \"request\"")));
        }
        for (String field : object.propertyNames()) {
            if (!FIELDS.contains(field) && !(mayHaveVersion && field.equals("version"))) {
                errors.add(new FieldError(field, "is not a field of a draft"));
            }
        }
        JsonNode name = object.get("name");
        String draftName = null;
        if (name != null && !name.isNull()) {
            if (!name.isString()) {
                errors.add(new FieldError("name", "must be text"));
            } else if (name.asString().length() > MAX_NAME_LENGTH) {
                errors.add(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
            } else if (!name.asString().isBlank()) {
                draftName = name.asString().strip();
            }
        }
        JsonNode request = object.get("request");
        String requestText = null;
        if (!(request instanceof ObjectNode requestObject)) {
            errors.add(new FieldError("request", "must be a JSON object: the onboarding request, finished or not"));
        } else {
            requestText = json.writeValueAsString(requestObject);
            if (requestText.getBytes(StandardCharsets.UTF_8).length > MAX_REQUEST_BYTES) {
                errors.add(new FieldError("request", "must be at most " + MAX_REQUEST_BYTES + " bytes of JSON"));
            }
            JsonNode password = requestObject.path("administrator").path("password");
            if (!password.isMissingNode() && !password.isNull()) {
                errors.add(new FieldError("request.administrator.password", "is never kept in a draft; leave it "
                        + "out (the administrator then sets one through the activation link) or give it only when "
                        + "submitting the onboarding"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        JsonNode customer = request.path("customer");
        return new Draft.Content(draftName, requestText, text(customer.path("companyName")),
                text(customer.path("accountName")));
    }

    private static String text(JsonNode value) {
        if (!value.isString() || value.asString().isBlank()) {
            return null;
        }
        String text = value.asString().strip();
        return text.length() > MAX_NAME_LENGTH ? text.substring(0, MAX_NAME_LENGTH) : text;
    }

    private static OptionalLong version(JsonNode value, List<FieldError> errors) {
        if (value.isIntegralNumber() && value.asLong() >= Draft.FIRST_VERSION) {
            return OptionalLong.of(value.asLong());
        }
        if (!value.isNull()) {
            errors.add(new FieldError("version", "must be the draft's version, a whole number from 1"));
        }
        return OptionalLong.empty();
    }

    /** {@code "3"} or {@code W/"3"}; {@code *} means any version. */
    private static OptionalLong ifMatch(String header, List<FieldError> errors) {
        String value = header.trim();
        if (value.equals("*")) {
            return OptionalLong.empty();
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version >= Draft.FIRST_VERSION) {
                return OptionalLong.of(version);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(HttpHeaders.IF_MATCH, "must be the draft's ETag, such as \"3\""));
        return OptionalLong.empty();
    }

    private static String etag(Draft draft) {
        return "\"" + draft.version() + "\"";
    }

    private static String subject(Jwt token) {
        return token == null ? null : token.getSubject();
    }

    private DraftView view(Draft draft) {
        Map<String, Object> request = json.readValue(draft.request(), OBJECT);
        return new DraftView(draft.id(), draft.name(), request, draft.createdAt(), draft.updatedAt(),
                draft.updatedBy(), draft.version());
    }
}
