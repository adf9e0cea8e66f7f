package io.provisio.identity.user.web;

import io.provisio.identity.user.persistence.ContactStore;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's users and contacts. identity-service keeps no copy of the customers, so a customer
 * it knows nothing of (another partner's included) simply has no users: an empty list, which
 * reveals nothing about other partners either.
 */
@RestController
@RequestMapping("/api/v1/customers/{customerId}")
class UserController {

    private final UserStore users;
    private final ContactStore contacts;

    UserController(UserStore users, ContactStore contacts) {
        this.users = users;
        this.contacts = contacts;
    }

    @GetMapping("/users")
    Page<UserView> users(PartnerId partner, @PathVariable String customerId,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "20") int size) {
        PageQuery paging = PageQuery.of(page, size);
        return new Page<>(users.page(partner.value(), customerId, paging.page(), paging.size()).stream()
                .map(UserView::of).toList(), paging.page(), paging.size(), users.count(partner.value(), customerId));
    }

    @GetMapping("/contacts")
    Page<ContactView> contacts(PartnerId partner, @PathVariable String customerId,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        PageQuery paging = PageQuery.of(page, size);
        return new Page<>(contacts.page(partner.value(), customerId, paging.page(), paging.size()).stream()
                .map(ContactView::of).toList(), paging.page(), paging.size(),
                contacts.count(partner.value(), customerId));
    }
}
