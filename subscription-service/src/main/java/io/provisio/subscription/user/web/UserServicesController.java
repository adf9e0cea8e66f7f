package io.provisio.subscription.user.web;

import java.util.List;

import io.provisio.platform.security.PartnerId;
import io.provisio.subscription.user.application.UserServices;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A user's services; 404 for a customer or user the calling partner does not have. */
@RestController
class UserServicesController {

    private static final String PATH = "/api/v1/customers/{customerId}/users/{userId}/services";

    private final UserServices services;

    UserServicesController(UserServices services) {
        this.services = services;
    }

    @GetMapping(PATH)
    ServicesView services(PartnerId partner, @PathVariable String customerId, @PathVariable String userId) {
        return new ServicesView(userId, services.servicesOf(partner.value(), customerId, userId));
    }

    @PutMapping(PATH)
    ServicesView setServices(PartnerId partner, @PathVariable String customerId, @PathVariable String userId,
                             @RequestBody ServicesBody body) {
        return new ServicesView(userId, services.setServices(partner.value(), customerId, userId,
                body.planCodes()));
    }

    record ServicesBody(List<String> planCodes) {
    }

    record ServicesView(String userId, List<String> planCodes) {
    }
}
