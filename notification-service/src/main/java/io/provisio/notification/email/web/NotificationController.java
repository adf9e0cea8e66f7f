package io.provisio.notification.email.web;

import java.util.ArrayList;
import java.util.List;

import io.provisio.notification.email.persistence.NotificationPage;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's e-mails. A customer this service has no e-mail for, or one of another partner,
 * answers an empty list: notification-service keeps no customer register to tell them apart, and
 * an empty answer reveals nothing about other partners.
 */
@RestController
class NotificationController {

    static final int MAX_PAGE_SIZE = 200;

    private final NotificationStore store;

    NotificationController(NotificationStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/customers/{customerId}/notifications")
    PageView<NotificationView> list(PartnerId partner, @PathVariable String customerId,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        NotificationPage found = store.page(partner.value(), customerId, page, size);
        return new PageView<>(found.items().stream().map(NotificationView::of).toList(), page, size, found.total());
    }
}
