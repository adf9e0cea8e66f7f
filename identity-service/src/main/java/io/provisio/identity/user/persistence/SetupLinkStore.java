package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.SetupLink;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * {@code setup_links}: {@code _id} = the customer id, so a customer has one setup link and a redelivered start finds
 * it; {@code hash} is unique, the page's look-up. Each write carries the messages it causes in the document's outbox
 * (the link's {@code ScheduleSetupEmails}, the completion's {@code SetupCompleted}).
 */
@Component
public class SetupLinkStore {

    public static final String COLLECTION = "setup_links";

    private final MongoTemplate mongo;
    private final OutboxStore outbox;

    SetupLinkStore(MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
        collection().createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true).name("setup_link_hash"));
    }

    /** @return false when the customer has a setup link already (nothing is written, nothing sent) */
    public boolean insertIfAbsent(SetupLink link, List<OutgoingMessage> messages) {
        try {
            outbox.insert(COLLECTION, new Document("_id", link.customerId())
                    .append("partnerId", link.partnerId())
                    .append("by", link.by())
                    .append("contactEmail", link.contactEmail())
                    .append("startDate", link.startDate() == null ? null : link.startDate().toString())
                    .append("services", link.services())
                    .append("hash", link.token().hash())
                    .append("expiresAt", Date.from(link.token().expiresAt()))
                    .append("createdAt", Date.from(link.createdAt()))
                    .append("completedAt", null)
                    .append("subdomain", null), messages);
            return true;
        } catch (RuntimeException e) {
            if (MongoWrites.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<SetupLink> findByHash(String hash) {
        return Optional.ofNullable(collection().find(eq("hash", hash)).first()).map(SetupLinkStore::link);
    }

    public Optional<SetupLink> find(String customerId) {
        return Optional.ofNullable(collection().find(eq("_id", customerId)).first()).map(SetupLinkStore::link);
    }

    /**
     * Completes a pending link: the one conditional write that decides, so a link is used once even when two
     * submissions race.
     *
     * @return false when the link was completed already
     */
    public boolean complete(SetupLink link, Instant at, String subdomain, List<OutgoingMessage> messages) {
        return outbox.updateWhere(COLLECTION, and(eq("_id", link.customerId()), eq("completedAt", null)),
                new Document("completedAt", Date.from(at)).append("subdomain", subdomain), messages);
    }

    private static SetupLink link(Document d) {
        return new SetupLink(d.getString("_id"), d.getString("partnerId"), d.getString("by"),
                d.getString("contactEmail"), d.getString("startDate") == null ? null
                : LocalDate.parse(d.getString("startDate")), d.getList("services", String.class, List.of()),
                new ActivationToken(d.getString("hash"), d.getDate("expiresAt").toInstant()),
                d.getDate("createdAt").toInstant(), instant(d.getDate("completedAt")), d.getString("subdomain"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
