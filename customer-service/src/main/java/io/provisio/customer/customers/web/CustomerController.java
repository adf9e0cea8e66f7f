package io.provisio.customer.customers.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.provisio.customer.customers.application.CustomerAccounts;
import io.provisio.customer.customers.domain.Address;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.onboarding.web.OnboardingRequestBody;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import jakarta.validation.Validator;
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

/**
 * The customers API (API.md): list, read, merge-patch, suspend and resume. The HTTP shapes live here (RFC 7396 merge
 * over the customer's view, the onboarding's validation of the merged fields, problem+json); the decisions are the
 * {@link Customer} aggregate's, through {@link CustomerAccounts}.
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    /** The view's fields a patch may name but not change. */
    private static final Set<String> FIXED = Set.of("id", "partnerId", "status", "accountName", "parentCustomerId",
            "tenantType", "edition", "domains", "subdomain", "createdAt", "activatedAt", "setup");

    private final CustomerAccounts customers;
    private final Validator validator;
    private final JsonMapper json;

    CustomerController(CustomerAccounts customers, Validator validator, JsonMapper json) {
        this.customers = customers;
        this.validator = validator;
        this.json = json;
    }

    @GetMapping
    Page<CustomerView> list(PartnerId partner, @RequestParam(required = false) String status,
                            @RequestParam(required = false) String parentId,
                            @RequestParam(required = false) String q,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        CustomerStatus wanted = null;
        if (status != null) {
            try {
                wanted = CustomerStatus.valueOf(status);
            } catch (IllegalArgumentException unknown) {
                errors.add(new FieldError("status", "must be PROVISIONING, ACTIVE or SUSPENDED"));
            }
        }
        if (q != null && q.length() > 200) {
            errors.add(new FieldError("q", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        PageQuery query = PageQuery.of(page, size);
        List<CustomerView> items = customers.list(partner.value(), wanted, parentId, q, query.skip(), query.size())
                .stream().map(CustomerView::of).toList();
        return query.answer(items, customers.count(partner.value(), wanted, parentId, q));
    }

    @GetMapping("/{id}")
    CustomerView get(PartnerId partner, @PathVariable String id) {
        return CustomerView.of(find(partner, id));
    }

    /**
     * RFC 7396 JSON merge patch of the fields API.md lists, validated like the onboarding request, every mistake at
     * once. Merged over the customer as stored when it is written: a concurrent patch is never lost, nor left with a
     * search key of older names.
     */
    @PatchMapping(path = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    CustomerView patch(PartnerId partner, @PathVariable String id, @RequestBody JsonNode patch) {
        find(partner, id);
        if (!(patch instanceof ObjectNode changes)) {
            throw ApiProblem.validation(List.of(new FieldError("", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (String field : changes.propertyNames()) {
            if (!Customer.PATCHABLE.contains(field)) {
                errors.add(new FieldError(field, FIXED.contains(field) ? "cannot be changed"
                        : "is not a field of a customer"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return CustomerView.of(customers.patch(partner.value(), id, current -> merged(current, changes)));
    }

    @PostMapping("/{id}/suspend")
    CustomerView suspend(PartnerId partner, @PathVariable String id) {
        return CustomerView.of(customers.suspend(partner.value(), id));
    }

    @PostMapping("/{id}/resume")
    CustomerView resume(PartnerId partner, @PathVariable String id) {
        return CustomerView.of(customers.resume(partner.value(), id));
    }

    /** The request merged over {@code current}'s view and validated by the onboarding's rules for the same fields. */
    private Customer.Patch merged(Customer current, ObjectNode changes) {
        ObjectNode merged = (ObjectNode) json.valueToTree(CustomerView.of(current));
        mergePatch(merged, changes);
        List<FieldError> errors = new ArrayList<>(validate(merged));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field));
            throw ApiProblem.validation(errors);
        }
        OnboardingRequestBody.Address address = merged.hasNonNull("address")
                ? json.treeToValue(merged.get("address"), OnboardingRequestBody.Address.class) : null;
        return new Customer.Patch(text(merged, "companyName"), text(merged, "externalCode"),
                address == null ? null : new Address(address.street(), address.city(), address.region(),
                        address.postalCode(), address.country()),
                text(merged, "businessType"), text(merged, "locale"), text(merged, "emergencyContactEmail"));
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
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

    private Customer find(PartnerId partner, String id) {
        return customers.find(partner.value(), id).orElseThrow(() -> ApiProblem.notFound("Customer", id));
    }
}
