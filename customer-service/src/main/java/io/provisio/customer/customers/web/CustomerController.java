package io.provisio.customer.customers.web;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {

    /** What API.md shows of a customer, in this order; internal fields stay inside. */
    private static final List<String> FIELDS = List.of("partnerId", "status", "accountName", "companyName",
            "externalCode", "parentCustomerId", "address", "businessType", "tenantType", "edition", "locale",
            "domains", "emergencyContactEmail", "createdAt", "activatedAt");

    private final CustomerStore customers;

    CustomerController(CustomerStore customers) {
        this.customers = customers;
    }

    @GetMapping("/{id}")
    Map<String, Object> get(PartnerId partner, @PathVariable String id) {
        Document customer = customers.find(partner.value(), id)
                .orElseThrow(() -> ApiProblem.notFound("Customer", id));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", customer.getString("_id"));
        for (String field : FIELDS) {
            Object value = customer.get(field);
            view.put(field, value instanceof Date date ? date.toInstant() : value);
        }
        return view;
    }
}
