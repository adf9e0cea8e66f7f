package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.identity.user.domain.SetupLink;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * {@code setup_links}: {@code _id} = the customer id, so a customer has one setup link and a redelivered start finds
 * it; {@code hash} is unique, the page's look-up. Each write carries the messages it causes in the document's outbox
 * (the link's {@code ScheduleSetupEmails}, the completion's {@code SetupCompleted}). Documents are mapped by Spring
 * Data from {@link SetupLinkDocument}.
 */
@Component
public class SetupLinkStore {

    public static final String COLLECTION = "setup_links";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final OutboxStore outbox;

    SetupLinkStore(MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.outbox = outbox;
        collection().createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true).name("setup_link_hash"));
    }

    /** @return false when the customer has a setup link already (nothing is written, nothing sent) */
    public boolean insertIfAbsent(SetupLink link, List<OutgoingMessage> messages) {
        try {
            outbox.insert(COLLECTION, mapping.document(SetupLinkDocument.of(link)), messages);
            return true;
        } catch (RuntimeException e) {
            if (MongoWrites.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<SetupLink> findByHash(String hash) {
        return link(collection().find(eq("hash", hash)).first());
    }

    public Optional<SetupLink> find(String customerId) {
        return link(collection().find(eq("_id", customerId)).first());
    }

    /**
     * Completes a pending link: the one conditional write that decides, so a link is used once even when two
     * submissions race.
     *
     * @return false when the link was completed already
     */
    public boolean complete(SetupLink link, Instant at, String subdomain, List<OutgoingMessage> messages) {
        return outbox.updateWhere(COLLECTION, and(eq("_id", link.customerId()), eq("completedAt", null)),
                mapping.fields(SetupLinkDocument.class, Update.update("completedAt", at).set("subdomain", subdomain)),
                messages);
    }

    private Optional<SetupLink> link(Document document) {
        return Optional.ofNullable(mapping.read(SetupLinkDocument.class, document)).map(SetupLinkDocument::link);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
