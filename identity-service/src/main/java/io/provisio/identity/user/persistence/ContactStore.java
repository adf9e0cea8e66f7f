package io.provisio.identity.user.persistence;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.ReplaceOptions;
import io.provisio.identity.user.domain.Contact;
import io.provisio.platform.web.PageQuery;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.ascending;

/** The {@code contacts} collection: a customer's support contacts. */
@Component
public class ContactStore implements InitializingBean {

    static final String COLLECTION = "contacts";

    private final MongoTemplate mongo;

    ContactStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).named("partnerId_customerId"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("sagaId", Sort.Direction.ASC).named("sagaId"));
    }

    /** Writes the contact under its (deterministic) id: running it again changes nothing. */
    public void save(Contact contact) {
        mongo.getCollection(COLLECTION).replaceOne(eq("_id", contact.id()), new Document("_id", contact.id())
                        .append("partnerId", contact.partnerId())
                        .append("customerId", contact.customerId())
                        .append("sagaId", contact.sagaId())
                        .append("position", contact.position())
                        .append("kind", contact.kind())
                        .append("name", contact.name())
                        .append("email", contact.email())
                        .append("phone", contact.phone()),
                new ReplaceOptions().upsert(true));
    }

    public List<Contact> page(String partnerId, String customerId, int page, int size) {
        List<Contact> contacts = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(and(eq("partnerId", partnerId), eq("customerId", customerId)))
                .sort(ascending("position", "_id"))
                .skip(PageQuery.skip(page, size))
                .limit(size)
                .forEach(d -> contacts.add(toContact(d)));
        return contacts;
    }

    public long count(String partnerId, String customerId) {
        return mongo.getCollection(COLLECTION).countDocuments(and(eq("partnerId", partnerId),
                eq("customerId", customerId)));
    }

    public List<Contact> bySaga(String sagaId) {
        List<Contact> contacts = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(eq("sagaId", sagaId)).forEach(d -> contacts.add(toContact(d)));
        return contacts;
    }

    public long deleteBySaga(String sagaId) {
        return mongo.getCollection(COLLECTION).deleteMany(eq("sagaId", sagaId)).getDeletedCount();
    }

    private static Contact toContact(Document d) {
        return new Contact(d.getString("_id"), d.getString("partnerId"), d.getString("customerId"),
                d.getString("sagaId"), d.getInteger("position", 0), d.getString("kind"), d.getString("name"), d.getString("email"),
                d.getString("phone"));
    }
}
