package io.provisio.customer.customers.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.customer.onboarding.web.OnboardingRequestBody;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import jakarta.validation.Validator;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    /** What API.md shows of a customer, in this order; internal fields stay inside. */
    private static final List<String> FIELDS = List.of("partnerId", "status", "accountName", "companyName",
            "externalCode", "parentCustomerId", "address", "businessType", "tenantType", "edition", "locale",
            "domains", "subdomain", "emergencyContactEmail", "createdAt", "activatedAt", "setup");
    /** API.md: what a merge patch may change; everything else is fixed at onboarding. */
    private static final Set<String> PATCHABLE = Set.of("companyName", "externalCode", "address", "businessType",
            "locale", "emergencyContactEmail");

    private final CustomerStore customers;
    private final Validator validator;
    private final JsonMapper json;

    CustomerController(CustomerStore customers, Validator validator, JsonMapper json) {
        this.customers = customers;
        this.validator = validator;
        this.json = json;
    }

    @GetMapping
    Page<Map<String, Object>> list(PartnerId partner, @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String parentId,
                                   @RequestParam(required = false) String q,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !CustomerStore.isStatus(status)) {
            errors.add(new FieldError("status", "must be PROVISIONING, ACTIVE or SUSPENDED"));
        }
        if (q != null && q.length() > 200) {
            errors.add(new FieldError("q", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        PageQuery query = PageQuery.of(page, size);
        List<Map<String, Object>> items = customers.list(partner.value(), status, parentId, q, query.skip(),
                query.size()).stream().map(CustomerController::view).toList();
        return query.answer(items, customers.count(partner.value(), status, parentId, q));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(PartnerId partner, @PathVariable String id) {
        return view(find(partner, id));
    }

    /** RFC 7396 JSON merge patch of the fields API.md lists, validated like the onboarding request. */
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    Map<String, Object> patch(PartnerId partner, @PathVariable String id, @RequestBody JsonNode patch) {
        Document current = find(partner, id);
        if (!(patch instanceof ObjectNode changes)) {
            throw ApiProblem.validation(List.of(new FieldError("", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String field : changes.propertyNames()) {
            if (!PATCHABLE.contains(field)) {
                errors.add(new FieldError(field, FIELDS.contains(field) || "id".equals(field)
                        ? "cannot be changed" : "is not a field of a customer"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        ObjectNode merged = (ObjectNode) json.readTree(current.toJson());
        mergePatch(merged, changes);
        errors.addAll(validate(merged));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw ApiProblem.validation(errors);
        }
        Document set = new Document();
        for (String field : changes.propertyNames()) {
            JsonNode value = merged.get(field);
            set.append(field, value == null || value.isNull() ? null
                    : value.isObject() ? Document.parse(value.toString()) : value.asString());
        }
        if (!customers.patch(partner.value(), id, current, set)) {
            throw ApiProblem.notFound("Customer", id);
        }
        return view(find(partner, id));
    }

    @PostMapping("/{id}/suspend")
    Map<String, Object> suspend(PartnerId partner, @PathVariable String id) {
        return transitioned(partner, id, customers.suspend(partner.value(), id), "suspended", "ACTIVE");
    }

    @PostMapping("/{id}/resume")
    Map<String, Object> resume(PartnerId partner, @PathVariable String id) {
        return transitioned(partner, id, customers.resume(partner.value(), id), "resumed", "SUSPENDED");
    }

    private Map<String, Object> transitioned(PartnerId partner, String id, CustomerStore.Transition result,
                                             String verb, String from) {
        return switch (result) {
            case CHANGED, ALREADY -> view(find(partner, id));
            case NOT_FOUND -> throw ApiProblem.notFound("Customer", id);
            case NOT_ALLOWED -> throw new ApiProblem(HttpStatus.CONFLICT, "INVALID_CUSTOMER_STATE",
                    "Customer cannot be " + verb, "Only an " + from + " customer can be " + verb + "; this one is "
                    + find(partner, id).getString("status"));
        };
    }

    /** The merged customer must satisfy the onboarding's rules for the same fields. */
    private List<FieldError> validate(ObjectNode merged) {
        ObjectNode candidate = json.createObjectNode();
        for (String field : List.of("accountName", "companyName", "externalCode", "address", "businessType",
                "locale", "emergencyContactEmail")) {
            if (merged.has(field)) {
                candidate.set(field, merged.get(field));
            }
        }
        OnboardingRequestBody.Customer customer;
        try {
            customer = json.treeToValue(candidate, OnboardingRequestBody.Customer.class);
        } catch (JacksonException e) {
            return List.of(new FieldError(e.getPathReference() == null ? "" : path(e), "has the wrong type"));
        }
        List<FieldError> errors = new ArrayList<>();
        validator.validate(customer).forEach(v -> errors.add(new FieldError(v.getPropertyPath().toString(),
                v.getMessage())));
        return errors;
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    /** RFC 7396: objects merge member by member, {@code null} removes, anything else replaces. */
    private static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (String field : patch.propertyNames()) {
            JsonNode value = patch.get(field);
            if (value.isNull()) {
                target.remove(field);
            } else if (value.isObject() && target.get(field) instanceof ObjectNode existing) {
                mergePatch(existing, (ObjectNode) value);
            } else {
                target.set(field, value);
            }
        }
    }

    private Document find(PartnerId partner, String id) {
        return customers.find(partner.value(), id).orElseThrow(() -> ApiProblem.notFound("Customer", id));
    }

    private static Map<String, Object> view(Document customer) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", customer.getString("_id"));
        for (String field : FIELDS) {
            Object value = customer.get(field);
            if ("subdomain".equals(field) && value instanceof String held && held.startsWith("shared:")) {
                value = null; // shares its account name's sub-domain with an older customer (ADR 012): holds none
            }
            if (value instanceof Document nested) {
                value = instants(nested);
            }
            if (value != null || !"setup".equals(field)) { // no setup: the field is left out, as before wave 2
                view.put(field, value instanceof Date date ? date.toInstant() : value);
            }
        }
        return view;
    }

    /** A nested document (the setup state) with its dates as instants. */
    private static Map<String, Object> instants(Document nested) {
        Map<String, Object> copy = new LinkedHashMap<>();
        nested.forEach((key, value) -> copy.put(key, value instanceof Date date ? date.toInstant() : value));
        return copy;
    }
}
