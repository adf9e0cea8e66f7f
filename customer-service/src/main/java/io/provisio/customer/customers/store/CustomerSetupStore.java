package io.provisio.customer.customers.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.model.Sorts;
import io.provisio.customer.customers.store.CustomerDocument.SetupDocument;
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

/**
 * The customer's delegated setup (ADR 023) and its platform sub-domain (ADR 012, ADR 026) in {@code customers}
 * ({@link CustomerDocuments}), the sub-domain claimed in {@link DomainClaimStore} first. Every write is conditional
 * and safe to repeat: reports of the setup arrive in any order and more than once.
 */
@Component
public class CustomerSetupStore {

    private static final Logger log = LoggerFactory.getLogger(CustomerSetupStore.class);

    /** How a change of platform sub-domain ended. */
    public enum SubdomainChange { CLAIMED, TAKEN, NOT_FOUND }

    private final CustomerDocuments documents;
    private final Clock clock;
    private final DomainClaimStore domains;

    CustomerSetupStore(MongoTemplate mongo, Clock clock, DomainClaimStore domains) {
        this.documents = new CustomerDocuments(mongo);
        this.clock = clock;
        this.domains = domains;
    }

    /**
     * The customer's setup is done (ADR 023): SETUP_PENDING becomes SETUP_DONE with its instant and the confirmed
     * sub-domain; a repeat, or a customer without setup, changes nothing.
     *
     * @return whether this call changed the customer
     */
    public boolean completeSetup(String partnerId, String customerId, Instant at, String subdomain) {
        return documents.collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                eq("setup.status", SetupDocument.PENDING)), documents.update(Update.update("setup.status",
                SetupDocument.DONE).set("setup.completedAt", at).set("setup.subdomain", subdomain)))
                .getModifiedCount() == 1;
    }

    /**
     * The customer's setup was escalated to its partner: the earliest escalation's instant is kept whatever order the
     * reports arrive in (consumers run in parallel), also when the completion overtook it: it did happen.
     *
     * @return whether this call changed the customer
     */
    public boolean recordSetupEscalation(String partnerId, String customerId, Instant at) {
        return documents.collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                in("setup.status", SetupDocument.PENDING, SetupDocument.DONE),
                or(eq("setup.escalatedAt", null), gt("setup.escalatedAt", Date.from(at)))),
                documents.update(Update.update("setup.escalatedAt", at))).getModifiedCount() == 1;
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
        Optional<CustomerDocument> customer = documents.find(partnerId, customerId);
        if (customer.isEmpty()) {
            return SubdomainChange.NOT_FOUND;
        }
        if (!domains.claimOne(partnerId, customerId, subdomain)) {
            return SubdomainChange.TAKEN;
        }
        if (!subdomain.equals(customer.get().subdomain())) {
            documents.collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId)),
                    documents.update(Update.update("subdomain", subdomain).set("updatedAt", clock.instant())
                            .inc("version", 1L)));
        }
        domains.releaseSubdomainsExcept(partnerId, customerId, subdomain, customer.get().ownDomains());
        return SubdomainChange.CLAIMED;
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
        for (CustomerDocument customer : documents.collection().find(eq("subdomain", null))
                .sort(Sorts.ascending("createdAt")).map(documents::read)) {
            seen++;
            String id = customer.id();
            String partnerId = customer.partnerId();
            String subdomain = domains.subdomainOf(customer.accountName());
            boolean claimed = domains.claimOne(partnerId, id, subdomain);
            if (!claimed) {
                log.warn("Customer {} of partner {} shares the sub-domain {} with an older customer of another partner; "
                        + "it keeps working, but rename or retire one of them", id, partnerId, subdomain);
            }
            documents.collection().updateOne(and(eq("_id", id), eq("subdomain", null)),
                    documents.update(Update.update("subdomain", claimed ? subdomain : "shared:" + subdomain)));
        }
        return seen;
    }
}
