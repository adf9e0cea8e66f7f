package io.provisio.notification.email.web;

import io.provisio.notification.email.persistence.NotificationPage;
import io.provisio.notification.email.persistence.NotificationStore;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
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

    private final NotificationStore store;

    NotificationController(NotificationStore store) {
        this.store = store;
    }

    @GetMapping("/api/v1/customers/{customerId}/notifications")
    Page<NotificationView> list(PartnerId partner, @PathVariable String customerId,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        PageQuery query = PageQuery.of(page, size);
        NotificationPage found = store.page(partner.value(), customerId, query.page(), query.size());
        return query.answer(found.items().stream().map(NotificationView::of).toList(), found.total());
    }
}
