package io.provisio.customer.onboarding.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.provisio.customer.onboarding.application.OnboardingBatches;
import io.provisio.customer.onboarding.application.RequestDigests;
import io.provisio.customer.onboarding.domain.BatchRow;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.JsonFieldErrors;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/onboarding-batches}: up to 500 onboarding requests at once, as a JSON array or CSV. Every row
 * is judged on arrival by the single onboarding's rules, every error at once and per row; valid rows start as
 * independent sagas, paced (ADR 021); invalid rows are reported and start nothing. The answer is 202 with the batch.
 */
@RestController
@RequestMapping("/api/v1/onboarding-batches")
class BatchController {

    /** A row with more fields of the wrong type than this is not worth reading further. */
    private static final int MAX_BINDING_ERRORS = 20;

    static final String NO_PASSWORD = "is not accepted in a batch: the administrator sets a password through the "
            + "activation link";

    private final BatchBodies bodies;
    private final OnboardingValidator validator;
    private final OnboardingRequests requests;
    private final OnboardingBatches batches;
    private final RequestDigests digests;
    private final JsonMapper json;
    /** Binds a row whose unreadable fields were taken out: a primitive left without its value is then 0. */
    private final ObjectReader rows;

    BatchController(BatchBodies bodies, OnboardingValidator validator, OnboardingRequests requests,
                    OnboardingBatches batches, RequestDigests digests, JsonMapper json) {
        this.bodies = bodies;
        this.validator = validator;
        this.requests = requests;
        this.batches = batches;
        this.digests = digests;
        this.json = json;
        this.rows = json.readerFor(OnboardingRequestBody.class)
                .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    @ApiResponse(responseCode = "202", description = "Stored: Location names the batch; valid rows start as "
            + "onboardings, invalid ones carry their errors", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "A repeat with the same Idempotency-Key and body: the batch the "
            + "first request stored", useReturnTypeSchema = true)
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    ResponseEntity<BatchView> submit(PartnerId partner, @AuthenticationPrincipal Jwt token,
                                     @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
                                     @RequestBody byte[] body,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        OnboardingController.checkIdempotencyKey(key);
        String partnerName = OnboardingController.partnerName(token, partner);
        List<BatchRow> rows = new ArrayList<>();
        Map<String, Integer> accountNames = new HashMap<>();
        for (BatchBodies.Row row : bodies.read(type, body)) {
            rows.add(judge(row, accountNames, partnerName));
        }
        OnboardingBatches.Submitted submitted = batches.submit(partner.value(), rows,
                key == null ? null : digests.keyFor(key, body));
        return ResponseEntity.status(submitted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/v1/onboarding-batches/" + submitted.batch().id()))
                .body(BatchView.of(submitted.batch()));
    }

    @GetMapping("/{id}")
    BatchView get(PartnerId partner, @PathVariable String id) {
        return batches.find(partner.value(), id).map(BatchView::of)
                .orElseThrow(() -> ApiProblem.notFound("Onboarding batch", id));
    }

    /**
     * The row as a request. A field of the wrong type or unknown is an error, and the row is bound again without it,
     * so that its other fields are still judged: every error of the row at once, as for a single onboarding.
     *
     * @return the request, or null when it cannot be bound at all
     */
    private OnboardingRequestBody bind(ObjectNode request, List<FieldError> errors) {
        for (int attempt = 0; attempt < MAX_BINDING_ERRORS; attempt++) {
            try {
                return rows.readValue(request);
            } catch (JacksonException e) {
                Optional<FieldError> field = JsonFieldErrors.of(e);
                errors.add(field.orElse(new FieldError("", "is not an onboarding request")));
                if (field.isEmpty() || !withoutField(request, e.getPath())) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Removes the property a binding error points at; false when it points at no property (a list entry). */
    private static boolean withoutField(ObjectNode request, List<JacksonException.Reference> path) {
        JsonNode parent = request;
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            JacksonException.Reference ref = path.get(i);
            parent = ref.getPropertyName() != null ? parent.get(ref.getPropertyName()) : parent.get(ref.getIndex());
        }
        String last = path.isEmpty() ? null : path.getLast().getPropertyName();
        if (!(parent instanceof ObjectNode object) || last == null || !object.has(last)) {
            return false;
        }
        object.remove(last);
        return true;
    }

    /** The row with every error it has, or queued with what its saga will run. */
    private BatchRow judge(BatchBodies.Row row, Map<String, Integer> accountNames, String partnerName) {
        List<FieldError> errors = new ArrayList<>(row.errors());
        OnboardingRequestBody body = row.request() == null ? null : bind(row.request().deepCopy(), errors);
        String accountName = row.request() == null ? null : row.request().path("customer").path("accountName")
                .asString(null);
        if (body != null) {
            // A field that could not be read is reported once, as such, not again by the rules it now breaks.
            List<String> unreadable = errors.stream().map(FieldError::field).toList();
            validator.problems(body).stream().filter(e -> !unreadable.contains(e.field())).forEach(errors::add);
            if (body.administrator() != null && body.administrator().password() != null) {
                errors.add(new FieldError("administrator.password", NO_PASSWORD));
            }
        }
        if (accountName != null) {
            Integer first = accountNames.putIfAbsent(accountName, row.index());
            if (first != null) {
                errors.add(new FieldError("customer.accountName", "repeats row " + first + " of this batch"));
            }
        }
        if (!errors.isEmpty()) {
            return BatchRow.invalid(row.index(), accountName, errors.stream()
                    .map(e -> new BatchRow.Problem(row.named(e.field()), e.message()))
                    .sorted(Comparator.comparing(BatchRow.Problem::field)).toList());
        }
        return BatchRow.queued(row.index(), requests.of(body, partnerName),
                digests.keyFor("", json.writeValueAsBytes(body)).requestDigest());
    }
}
