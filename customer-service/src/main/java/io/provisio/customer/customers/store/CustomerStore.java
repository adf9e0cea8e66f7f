package io.provisio.customer.customers.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.customers.domain.SearchKey;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The saga's steps on {@code customers} (registration, activation, the compensation's delete; the stores of the
 * other uses share {@link CustomerDocuments}): {@code _id} is the id the saga chose, so every write is
 * idempotent; {@code accountNameKey} ({@code partnerId/accountName}) is unique; the domains are held in
 * {@link DomainClaimStore}, one customer's across every partner; {@code depth} is the
 * level in the partner's hierarchy (a root customer is 1); {@code searchKey} is {@link SearchKey}, so a search
 * ignores case and accents. Documents and updates are mapped by Spring Data from {@link CustomerDocument}, field for
 * field as stored; the filters are the driver's. Every write grows {@code version}.
 */
@Component
public class CustomerStore {

    public static final String COLLECTION = "customers";
    /** API.md: a customer hierarchy is at most 5 levels deep. */
    public static final int MAX_DEPTH = 5;

    /** How a registration ended. */
    public enum Outcome { REGISTERED, NAME_TAKEN, PARENT_NOT_FOUND, DOMAIN_TAKEN, SUBDOMAIN_TAKEN }

    /**
     * @param takenDomains with {@link Outcome#DOMAIN_TAKEN}, the domains another customer holds; with
     *                     {@link Outcome#SUBDOMAIN_TAKEN}, the platform sub-domain
     */
    public record Registration(Outcome outcome, List<String> takenDomains) {

        static Registration of(Outcome outcome) {
            return new Registration(outcome, List.of());
        }
    }

    /** What a child takes from its parent, and how deep the parent sits. */
    public record Parent(String id, int depth, String locale, String businessType, String emergencyContactEmail) {

        public boolean mayHaveChildren() {
            return depth < MAX_DEPTH;
        }
    }

    private final CustomerDocuments documents;
    private final Clock clock;
    private final DomainClaimStore domains;

    CustomerStore(MongoTemplate mongo, Clock clock, DomainClaimStore domains) {
        this.documents = new CustomerDocuments(mongo);
        this.clock = clock;
        this.domains = domains;
        documents.ensureIndexes();
    }

    /**
     * Claims the customer's domains, then stores it as PROVISIONING; a repeat for the same id is a success.
     * A named parent must be a live customer of the same partner with room below it, and no other customer
     * may hold one of the domains, else nothing is stored (and nothing stays claimed).
     */
    public Registration register(String partnerId, String customerId, String sagaId, CustomerProfile profile) {
        int depth = 1;
        if (profile.parentCustomerId() != null) {
            Optional<Parent> parent = parent(partnerId, profile.parentCustomerId());
            if (parent.isEmpty() || !parent.get().mayHaveChildren()) {
                return Registration.of(documents.find(partnerId, customerId).isPresent() ? Outcome.REGISTERED
                        : Outcome.PARENT_NOT_FOUND);
            }
            depth = parent.get().depth() + 1;
        }
        // Before the customer: a claim without its customer is harmless and released by the compensation.
        String subdomain = domains.subdomainOf(profile.accountName());
        List<String> taken = domains.claim(partnerId, customerId, domains.claimsOf(profile.accountName(),
                profile.domains()));
        if (taken.contains(subdomain)) {
            return new Registration(Outcome.SUBDOMAIN_TAKEN, List.of(subdomain));
        }
        if (!taken.isEmpty()) {
            return new Registration(Outcome.DOMAIN_TAKEN, taken);
        }
        Document customer = documents.mapping().document(CustomerDocument.registered(partnerId, customerId, sagaId,
                profile, subdomain, depth, clock.instant()));
        if (MongoWrites.insertIfAbsent(collection(), customer)
                || collection().find(eq("_id", customerId)).first() != null) {
            // Inserted, or this very customer stored by an earlier delivery of the command.
            return Registration.of(Outcome.REGISTERED);
        }
        // Another customer holds the name: this one leaves nothing behind.
        domains.release(partnerId, customerId);
        return Registration.of(Outcome.NAME_TAKEN);
    }

    /** A live customer of this partner that may be named as a parent; another partner's is absent. */
    public Optional<Parent> parent(String partnerId, String customerId) {
        return documents.find(partnerId, customerId).filter(d -> d.status().mayBeParent())
                .map(CustomerDocument::parent);
    }

    /** PROVISIONING becomes ACTIVE; true also when it already was. False: no such customer. */
    public boolean activate(String partnerId, String customerId) {
        collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                eq("status", CustomerStatus.PROVISIONING.name())), documents.update(Update.update("status",
                CustomerStatus.ACTIVE).set("activatedAt", clock.instant()).inc("version", 1L)));
        return documents.find(partnerId, customerId).isPresent();
    }

    /** Deletes the customer, which frees its account name and its domains. Safe to repeat. */
    public void delete(String partnerId, String customerId) {
        collection().deleteOne(and(eq("_id", customerId), eq("partnerId", partnerId)));
        domains.release(partnerId, customerId);
    }

    private MongoCollection<Document> collection() {
        return documents.collection();
    }
}
