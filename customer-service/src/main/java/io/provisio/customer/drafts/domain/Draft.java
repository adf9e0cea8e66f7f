package io.provisio.customer.drafts.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An unfinished onboarding request of one partner, kept until it is submitted or thrown away. The request is JSON
 * text of any shape (a draft is unfinished by definition: nothing in it is validated but its size and that it holds
 * no password); {@code companyName} and {@code accountName} are copied out of it for the list. Every change makes a
 * new version, and a change is accepted only against the version it was made from.
 *
 * @param updatedBy the token's subject that wrote this version: a staff member's id, or an API client's
 */
public record Draft(String id, String partnerId, String name, String request, String companyName,
                    String accountName, Instant createdAt, Instant updatedAt, String updatedBy, long version) {

    public static final long FIRST_VERSION = 1;

    public Draft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(request, "request");
    }

    public static Draft create(String id, String partnerId, Content content, Instant now, String by) {
        return new Draft(id, partnerId, content.name(), content.request(), content.companyName(),
                content.accountName(), now, now, by, FIRST_VERSION);
    }

    /** The next version with the new content; the id, partner and creation time stay. */
    public Draft replacedBy(Content content, Instant now, String by) {
        return new Draft(id, partnerId, content.name(), content.request(), content.companyName(),
                content.accountName(), createdAt, now, by, version + 1);
    }

    /** What a write gives: the draft's name, the request as JSON text, and the two names copied out of it. */
    public record Content(String name, String request, String companyName, String accountName) {

        public Content {
            Objects.requireNonNull(request, "request");
        }
    }
}
