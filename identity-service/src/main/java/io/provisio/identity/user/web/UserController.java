package io.provisio.identity.user.web;

import java.net.URI;
import java.time.Instant;

import io.provisio.identity.user.application.NewContact;
import io.provisio.identity.user.application.NewUser;
import io.provisio.identity.user.application.SupportContacts;
import io.provisio.identity.user.application.UserAccounts;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.User;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's users and support contacts, scoped by the token's partner: a customer identity does not
 * know, or another partner's, answers 404 exactly alike.
 */
@RestController
@RequestMapping("/api/v1/customers/{customerId}")
class UserController {

    private final UserAccounts accounts;
    private final SupportContacts contacts;

    UserController(UserAccounts accounts, SupportContacts contacts) {
        this.accounts = accounts;
        this.contacts = contacts;
    }

    @GetMapping("/users")
    Page<UserView> users(PartnerId partner, @PathVariable String customerId,
                         @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "20") int size) {
        return accounts.list(partner.value(), customerId, PageQuery.of(page, size)).map(UserView::of);
    }

    @ApiResponse(responseCode = "201", description = "Created: Location names the user", useReturnTypeSchema = true)
    @PostMapping("/users")
    ResponseEntity<UserView> addUser(PartnerId partner, @PathVariable String customerId,
                                     @RequestBody NewUser request) {
        User user = accounts.add(partner.value(), customerId, request);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/users/" + user.id()))
                .body(UserView.of(user));
    }

    /** A new activation link by e-mail; the old one stops working. The link itself is never in the answer. */
    @ApiResponse(responseCode = "202", description = "A new activation link is on its way", useReturnTypeSchema = true)
    @PostMapping("/users/{userId}/activation")
    ResponseEntity<LinkSent> resendActivation(PartnerId partner, @PathVariable String customerId,
                                              @PathVariable String userId) {
        return ResponseEntity.accepted().body(new LinkSent(userId,
                accounts.resend(partner.value(), customerId, userId)));
    }

    /** Deletes the user and its pending link; a second DELETE answers 404. */
    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/users/{userId}")
    ResponseEntity<Void> deleteUser(PartnerId partner, @PathVariable String customerId, @PathVariable String userId) {
        accounts.delete(partner.value(), customerId, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/contacts")
    Page<ContactView> contacts(PartnerId partner, @PathVariable String customerId,
                               @RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "20") int size) {
        return contacts.list(partner.value(), customerId, PageQuery.of(page, size)).map(ContactView::of);
    }

    @ApiResponse(responseCode = "201", description = "Created: Location names the contact", useReturnTypeSchema = true)
    @PostMapping("/contacts")
    ResponseEntity<ContactView> addContact(PartnerId partner, @PathVariable String customerId,
                                           @RequestBody NewContact request) {
        Contact contact = contacts.add(partner.value(), customerId, request);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/contacts/" + contact.id()))
                .body(ContactView.of(contact));
    }

    @ApiResponse(responseCode = "204", description = "Removed")
    @DeleteMapping("/contacts/{contactId}")
    ResponseEntity<Void> removeContact(PartnerId partner, @PathVariable String customerId,
                                       @PathVariable String contactId) {
        contacts.remove(partner.value(), customerId, contactId);
        return ResponseEntity.noContent().build();
    }

    /** @param activationExpiresAt when the new link dies */
    record LinkSent(String userId, Instant activationExpiresAt) {
    }
}
