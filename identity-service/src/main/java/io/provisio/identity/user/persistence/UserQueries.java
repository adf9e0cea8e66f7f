package io.provisio.identity.user.persistence;

import java.util.List;
import java.util.Optional;

import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.platform.web.PageQuery;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.ascending;
import static io.provisio.identity.user.persistence.UserDocuments.LIVE;

/**
 * The live users as the API, the pages and the saga step look them up: by id, e-mail, sign-in name, customer or saga.
 * Tombstones are never seen; every look-up is on an index {@link UserStore} declares.
 */
@Component
public class UserQueries {

    private final UserDocuments documents;

    UserQueries(UserDocuments documents) {
        this.documents = documents;
    }

    public Optional<User> find(String id) {
        return documents.one(and(eq("_id", id), LIVE));
    }

    /** A user of the partner's customer. */
    public Optional<User> find(String partnerId, String customerId, String id) {
        return documents.one(and(eq("_id", id), eq("partnerId", partnerId), eq("customerId", customerId), LIVE));
    }

    public Optional<User> findByEmailKey(String emailKey) {
        return documents.one(and(eq("emailKey", emailKey), LIVE));
    }

    /** The live user holding this sign-in name, in any customer of any partner. */
    public Optional<User> findByUpn(String upn) {
        return documents.one(and(eq("upnKey", User.upnKey(upn)), LIVE));
    }

    /** A page of a customer's users, oldest first. */
    public List<User> page(String partnerId, String customerId, int page, int size) {
        return documents.users(documents.collection()
                .find(and(eq("partnerId", partnerId), eq("customerId", customerId), LIVE))
                .sort(ascending("createdAt", "_id"))
                .skip(PageQuery.skip(page, size))
                .limit(size));
    }

    public long count(String partnerId, String customerId) {
        return documents.collection().countDocuments(and(eq("partnerId", partnerId),
                eq("customerId", customerId), LIVE));
    }

    public long countAdministrators(String partnerId, String customerId) {
        return documents.collection().countDocuments(and(eq("partnerId", partnerId),
                eq("customerId", customerId), eq("role", UserRole.ADMINISTRATOR.name()), LIVE));
    }

    public List<User> bySaga(String sagaId) {
        return documents.many(and(eq("sagaId", sagaId), LIVE));
    }

    /** A customer's live users; partner first, so the {@code partnerId_customerId} index serves it. */
    public List<User> byCustomer(String partnerId, String customerId) {
        return documents.many(and(eq("partnerId", partnerId), eq("customerId", customerId), LIVE));
    }
}
