package io.provisio.identity.user.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.LastRequiredContactException;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.ids.Ids;
import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.web.FieldError;
import io.provisio.platform.web.Page;
import io.provisio.platform.web.PageQuery;
import org.springframework.stereotype.Component;

/**
 * A customer's support contacts. They live in the organization's document, so "at least one ADMIN and one
 * SITE_ADMIN" is checked and written against one version: two concurrent deletes cannot both remove the
 * last two SITE_ADMINs.
 */
@Component
public class SupportContacts {

    private static final int ATTEMPTS = 5;

    private final OrganizationStore organizations;
    private final UserQueries users;
    private final UserAccounts accounts;

    SupportContacts(OrganizationStore organizations, UserQueries users, UserAccounts accounts) {
        this.organizations = organizations;
        this.users = users;
        this.accounts = accounts;
    }

    public Page<Contact> list(String partnerId, String customerId, PageQuery paging) {
        List<Contact> all = accounts.organization(partnerId, customerId).contacts();
        int from = Math.min(paging.skip(), all.size());
        return paging.answer(all.subList(from, Math.min(all.size(), from + paging.size())), all.size());
    }

    public Contact add(String partnerId, String customerId, NewContact request) {
        accounts.organization(partnerId, customerId);
        List<FieldError> errors = new ArrayList<>();
        Optional<ContactKind> kind = ContactKind.parse(request.kind());
        if (kind.isEmpty()) {
            errors.add(new FieldError("kind", "must be ADMIN, SITE_ADMIN or OTHER"));
        }
        InputRules.required(errors, "name", request.name(), 200);
        InputRules.email(errors, "email", request.email());
        InputRules.optional(errors, "phone", request.phone(), 40);
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        Contact contact = new Contact(Ids.newId(), kind.get(), request.name().strip(),
                request.email().strip(), request.phone());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            OrganizationStore.Versioned current = current(partnerId, customerId);
            if (organizations.replaceContacts(customerId, current.version(),
                    current.organization().withContact(contact).contacts())) {
                return contact;
            }
        }
        throw new IllegalStateException("customer " + customerId + " kept changing while a contact was added");
    }

    /** @throws Refusal 409 LAST_REQUIRED_CONTACT when it would leave no ADMIN or no SITE_ADMIN */
    public void remove(String partnerId, String customerId, String contactId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            OrganizationStore.Versioned current = current(partnerId, customerId);
            Organization without;
            try {
                without = current.organization().withoutContact(contactId, users.countAdministrators(partnerId, customerId))
                        .orElseThrow(() -> Refusal.notFound("contact", contactId));
            } catch (LastRequiredContactException e) {
                throw Refusal.conflict("LAST_REQUIRED_CONTACT", "Last required contact",
                        "the customer must keep at least one " + e.kind() + " contact");
            }
            if (organizations.replaceContacts(customerId, current.version(), without.contacts())) {
                return;
            }
        }
        throw new IllegalStateException("customer " + customerId + " kept changing while a contact was removed");
    }

    private OrganizationStore.Versioned current(String partnerId, String customerId) {
        return organizations.findVersioned(customerId).filter(v -> v.organization().visibleTo(partnerId))
                .orElseThrow(() -> Refusal.notFound("customer", customerId));
    }
}
