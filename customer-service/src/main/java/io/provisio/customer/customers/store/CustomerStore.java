package io.provisio.customer.customers.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.domain.CustomerEvent;
import io.provisio.customer.customers.domain.CustomerStatus;
import io.provisio.customer.customers.domain.SearchKey;
import io.provisio.customer.customers.store.CustomerDocument.SetupDocument;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

/**
 * Customers in {@code customers}: {@code _id} is the id the saga chose, so every write is
 * idempotent; {@code accountNameKey} ({@code partnerId/accountName}) is unique; the domains are held in
 * {@link DomainClaimStore}, one customer's across every partner; {@code depth} is the
 * level in the partner's hierarchy (a root customer is 1); {@code searchKey} is {@link SearchKey}, so a search
 * ignores case and accents. Documents and updates are mapped by Spring Data from {@link CustomerDocument}, field for
 * field as stored; the filters are the driver's. A status change writes its event to the document's outbox in the
 * same update, and every write grows {@code version}.
 */
@Component
public class CustomerStore {

    private static final Logger log = LoggerFactory.getLogger(CustomerStore.class);

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

    /** How a change of platform sub-domain ended. */
    public enum SubdomainChange { CLAIMED, TAKEN, NOT_FOUND }

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final Clock clock;
    private final OutboxStore outbox;
    private final MessageCodec codec;
    private final DomainClaimStore domains;

    CustomerStore(MongoTemplate mongo, Clock clock, OutboxStore outbox, MessageCodec codec, DomainClaimStore domains) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.clock = clock;
        this.outbox = outbox;
        this.codec = codec;
        this.domains = domains;
        collection().createIndex(Indexes.ascending("accountNameKey"),
                new IndexOptions().unique(true).name("account_name_per_partner"));
        // Ignored by the embedded store, used by MongoDB: the list's filters and order.
        collection().createIndex(Indexes.ascending("partnerId", "parentCustomerId", "accountName"),
                new IndexOptions().name("children_by_name"));
        // Finds the customers registered before sub-domains were claimed (none, after the first start).
        collection().createIndex(Indexes.ascending("subdomain"), new IndexOptions().name("subdomain"));
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
                return Registration.of(document(partnerId, customerId).isPresent() ? Outcome.REGISTERED
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
        Document customer = mapping.document(CustomerDocument.registered(partnerId, customerId, sagaId, profile,
                subdomain, depth, clock.instant()));
        if (MongoWrites.insertIfAbsent(collection(), customer)
                || collection().find(eq("_id", customerId)).first() != null) {
            // Inserted, or this very customer stored by an earlier delivery of the command.
            return Registration.of(Outcome.REGISTERED);
        }
        // Another customer holds the name: this one leaves nothing behind.
        domains.release(partnerId, customerId);
        return Registration.of(Outcome.NAME_TAKEN);
    }

    /**
     * Claims the platform sub-domain of every customer registered before sub-domains were claimed (ADR 012), oldest
     * first, so where two partners' customers already share one the older keeps it. The younger is logged by id
     * for an operator and marked, so the next start does not try again. Safe to repeat and to run on replicas at
     * once (each claim is one insert on the sub-domain's key).
     *
     * @return how many customers it looked at
     */
    public int claimSubdomainsOfEarlierCustomers() {
        int seen = 0;
        for (CustomerDocument customer : collection().find(eq("subdomain", null)).sort(Sorts.ascending("createdAt"))
                .map(this::read)) {
            seen++;
            String id = customer.id();
            String partnerId = customer.partnerId();
            String subdomain = domains.subdomainOf(customer.accountName());
            boolean claimed = domains.claimOne(partnerId, id, subdomain);
            if (!claimed) {
                log.warn("Customer {} of partner {} shares the sub-domain {} with an older customer of another partner; "
                        + "it keeps working, but rename or retire one of them", id, partnerId, subdomain);
            }
            collection().updateOne(and(eq("_id", id), eq("subdomain", null)),
                    update(Update.update("subdomain", claimed ? subdomain : "shared:" + subdomain)));
        }
        return seen;
    }

    /**
     * Makes {@code subdomain} the customer's platform sub-domain (ADR 026): claims it under the claims' unique key,
     * records it on the customer, then releases the sub-domains it held before. Each step is safe to repeat, so the
     * same change again (a retry after a crash or a lost answer) finishes whatever the first one left; a customer
     * claiming the one it holds is CLAIMED and changes nothing.
     *
     * @param subdomain the full name, {@code <name>.<platform domain>}, in lower case
     * @return TAKEN when another customer holds it (nothing changed), NOT_FOUND when the partner has no such customer
     */
    public SubdomainChange changeSubdomain(String partnerId, String customerId, String subdomain) {
        Optional<CustomerDocument> customer = document(partnerId, customerId);
        if (customer.isEmpty()) {
            return SubdomainChange.NOT_FOUND;
        }
        if (!domains.claimOne(partnerId, customerId, subdomain)) {
            return SubdomainChange.TAKEN;
        }
        if (!subdomain.equals(customer.get().subdomain())) {
            collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId)),
                    update(Update.update("subdomain", subdomain).set("updatedAt", clock.instant()).inc("version", 1L)));
        }
        domains.releaseSubdomainsExcept(partnerId, customerId, subdomain, customer.get().ownDomains());
        return SubdomainChange.CLAIMED;
    }

    /** A live customer of this partner that may be named as a parent; another partner's is absent. */
    public Optional<Parent> parent(String partnerId, String customerId) {
        return document(partnerId, customerId).filter(d -> d.status().mayBeParent()).map(CustomerDocument::parent);
    }

    /** PROVISIONING becomes ACTIVE; true also when it already was. False: no such customer. */
    public boolean activate(String partnerId, String customerId) {
        collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                eq("status", CustomerStatus.PROVISIONING.name())), update(Update.update("status", CustomerStatus.ACTIVE)
                .set("activatedAt", clock.instant()).inc("version", 1L)));
        return document(partnerId, customerId).isPresent();
    }

    /**
     * The customer's setup is done (ADR 023): SETUP_PENDING becomes SETUP_DONE with its instant and the confirmed
     * sub-domain; a repeat, or a customer without setup, changes nothing.
     *
     * @return whether this call changed the customer
     */
    public boolean completeSetup(String partnerId, String customerId, Instant at, String subdomain) {
        return collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                eq("setup.status", SetupDocument.PENDING)), update(Update.update("setup.status", SetupDocument.DONE)
                .set("setup.completedAt", at).set("setup.subdomain", subdomain))).getModifiedCount() == 1;
    }

    /**
     * The customer's setup was escalated to its partner: the earliest escalation's instant is kept whatever order the
     * reports arrive in (consumers run in parallel), also when the completion overtook it: it did happen.
     *
     * @return whether this call changed the customer
     */
    public boolean recordSetupEscalation(String partnerId, String customerId, Instant at) {
        return collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                in("setup.status", SetupDocument.PENDING, SetupDocument.DONE),
                or(eq("setup.escalatedAt", null), gt("setup.escalatedAt", Date.from(at)))),
                update(Update.update("setup.escalatedAt", at))).getModifiedCount() == 1;
    }

    /**
     * Writes a status change the aggregate decided, with its event for the other services in the same write, if
     * the customer is still in the status it was decided on.
     *
     * @return false when another writer changed the status first (read again and decide again)
     */
    public boolean changeStatus(Customer decidedOn, CustomerStatus to, CustomerEvent event) {
        var message = switch (event) {
            case CustomerEvent.Suspended suspended -> new CustomerSuspended(suspended.customerId(), suspended.at());
            case CustomerEvent.Resumed resumed -> new CustomerResumed(resumed.customerId(), resumed.at());
        };
        return outbox.updateWhere(COLLECTION, and(eq("_id", decidedOn.id()), eq("partnerId", decidedOn.partnerId()),
                        eq("status", decidedOn.status().name())),
                mapping.fields(CustomerDocument.class, Update.update("status", to).set("updatedAt", clock.instant())),
                List.of(OutgoingMessage.toSubscribers(CustomerChannels.EVENTS,
                        codec.event(CustomerMessages.EVENTS, decidedOn.partnerId(), null, message))));
    }

    /**
     * Writes a patched customer's patchable fields and its search key, if nobody wrote the customer since
     * {@code decidedOn} was read (so the search key always matches the names it is made of).
     *
     * @return false when another write came first (read again and apply the patch again)
     */
    public boolean patch(Customer decidedOn, Customer patched) {
        Update changes = Update.update("companyName", patched.companyName())
                .set("externalCode", patched.externalCode())
                // As patches always wrote it: the address's missing parts left out (a registration writes them null).
                .set("address", patched.address() == null ? null : mapping.document(patched.address()))
                .set("businessType", patched.businessType())
                .set("locale", patched.locale())
                .set("emergencyContactEmail", patched.emergencyContactEmail())
                .set("searchKey", patched.searchKey())
                .set("updatedAt", clock.instant())
                .inc("version", 1L);
        // Customers registered before versions were written have none: version 0 is "no version yet".
        Bson version = decidedOn.version() == 0L ? or(eq("version", 0L), eq("version", null))
                : eq("version", decidedOn.version());
        return collection().updateOne(and(eq("_id", decidedOn.id()), eq("partnerId", decidedOn.partnerId()), version),
                update(changes)).getModifiedCount() == 1;
    }

    /** Deletes the customer, which frees its account name and its domains. Safe to repeat. */
    public void delete(String partnerId, String customerId) {
        collection().deleteOne(and(eq("_id", customerId), eq("partnerId", partnerId)));
        domains.release(partnerId, customerId);
    }

    /** The partner's customer; another partner's is absent. */
    public Optional<Customer> find(String partnerId, String customerId) {
        return document(partnerId, customerId).map(CustomerDocument::customer);
    }

    /** A page of the partner's customers, by account name; every filter optional. */
    public List<Customer> list(String partnerId, CustomerStatus status, String parentId, String q, int skip,
                               int limit) {
        return collection().find(filter(partnerId, status, parentId, q)).sort(Sorts.ascending("accountName"))
                .skip(skip).limit(limit).map(d -> read(d).customer()).into(new ArrayList<>());
    }

    public long count(String partnerId, CustomerStatus status, String parentId, String q) {
        return collection().countDocuments(filter(partnerId, status, parentId, q));
    }

    private Optional<CustomerDocument> document(String partnerId, String customerId) {
        return Optional.ofNullable(read(collection().find(and(eq("_id", customerId), eq("partnerId", partnerId)))
                .first()));
    }

    private CustomerDocument read(Document document) {
        return mapping.read(CustomerDocument.class, document);
    }

    /** The update as {@link CustomerDocument}'s properties map it: enums as names, instants as dates. */
    private Document update(Update update) {
        return mapping.update(CustomerDocument.class, update);
    }

    private static Bson filter(String partnerId, CustomerStatus status, String parentId, String q) {
        List<Bson> filters = new ArrayList<>(List.of(eq("partnerId", partnerId)));
        if (status != null) {
            filters.add(eq("status", status.name()));
        }
        if (parentId != null) {
            filters.add(eq("parentCustomerId", parentId));
        }
        if (q != null && !SearchKey.fold(q).isBlank()) {
            filters.add(regex("searchKey", Pattern.quote(SearchKey.fold(q).strip())));
        }
        return filters.size() == 1 ? filters.getFirst() : and(filters);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
