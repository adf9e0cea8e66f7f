package io.provisio.identity.user.web;

import io.provisio.identity.user.domain.Contact;

record ContactView(String id, String kind, String name, String email, String phone) {

    static ContactView of(Contact contact) {
        return new ContactView(contact.id(), contact.kind().name(), contact.name(), contact.email(), contact.phone());
    }
}
