package io.provisio.identity.user.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoIterable;
import io.provisio.identity.user.domain.User;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.ne;

/**
 * What every store of {@code users} shares: the collection, the filter of the users that exist, and Spring Data's
 * mapping of {@link UserDocument}. Each store serves one use: {@link UserStore} writes whole users (insert, delete,
 * the saga's compensation), {@link UserQueries} reads them, {@link ActivationLinkStore} keeps the activation links,
 * {@link DeletedUserSweeper} removes tombstones.
 */
@Component
class UserDocuments {

    /** Matches the users that exist; a tombstone waiting for its UserDeleted to leave does not. */
    static final Bson LIVE = ne("deleted", true);

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    UserDocuments(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    MongoCollection<Document> collection() {
        return mongo.getCollection(UserStore.COLLECTION);
    }

    Optional<User> one(Bson filter) {
        return Optional.ofNullable(read(collection().find(filter).first())).map(UserDocument::user);
    }

    List<User> many(Bson filter) {
        return users(collection().find(filter));
    }

    List<User> users(MongoIterable<Document> found) {
        return found.map(d -> read(d).user()).into(new ArrayList<>());
    }

    UserDocument read(Document document) {
        return mapping.read(UserDocument.class, document);
    }

    Document document(User user) {
        return mapping.document(UserDocument.of(user));
    }

    /** The fields an update sets, as the outbox's writes take them. */
    Document fields(Update update) {
        return mapping.fields(UserDocument.class, update);
    }
}
