package io.provisio.customer.customers.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.customer.onboarding.application.DomainClaims;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * {@code domain_claims}: one document per domain a customer holds, {@code _id} = the domain in lower case, so
 * the primary key makes a domain one customer's across every partner (ADR 012). REGISTER_CUSTOMER claims a
 * customer's domains before it stores the customer; its compensation (or a refusal) releases them. The
 * customer's platform sub-domain, {@code <accountName>.<platform domain>}, is claimed with them: it names one
 * organization across the platform, as its administrators' sign-in names do.
 */
@Component
public class DomainClaimStore implements DomainClaims {

    public static final String COLLECTION = "domain_claims";
    /** A holder that vanishes between our refused insert and our read (its saga compensated) is retried this often. */
    private static final int ATTEMPTS = 3;

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final Clock clock;
    private final String platformDomain;

    /** @param platformDomain must equal identity-service's {@code provisio.identity.platform-domain} */
    DomainClaimStore(MongoTemplate mongo, Clock clock,
                     @Value("${provisio.customers.platform-domain:provisio.cloud}") String platformDomain) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.clock = clock;
        this.platformDomain = platformDomain.toLowerCase(Locale.ROOT);
        // Release finds a customer's claims by it.
        collection().createIndex(Indexes.ascending("customerId"), new IndexOptions().name("claims_by_customer"));
    }

    /**
     * Claims every domain for the customer, or none: a domain the customer holds already (a redelivered
     * command) counts as claimed. Domains are claimed in sorted order, so two customers that want overlapping
     * sets at the same time cannot each take one and both fail.
     *
     * @return the domains another customer holds; when not empty, this customer holds none of its domains
     */
    public List<String> claim(String partnerId, String customerId, List<String> domains) {
        List<String> taken = new ArrayList<>();
        for (String domain : normalised(domains)) {
            if (!claimOne(partnerId, customerId, domain)) {
                taken.add(domain);
            }
        }
        if (!taken.isEmpty()) {
            release(partnerId, customerId);
        }
        return taken;
    }

    /** Claims one domain for the customer and nothing else: true when it holds it now, false when another does. */
    boolean claimOne(String partnerId, String customerId, String domain) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (MongoWrites.insertIfAbsent(collection(), mapping.document(new ClaimDocument(domain, customerId,
                    partnerId, clock.instant())))) {
                return true;
            }
            ClaimDocument holder = holder(domain);
            if (holder != null) {
                return customerId.equals(holder.customerId());
            }
        }
        throw new IllegalStateException("the claim on " + domain + " kept changing; the command will be retried");
    }

    @Override
    public String subdomainOf(String accountName) {
        return accountName.strip().toLowerCase(Locale.ROOT) + "." + platformDomain;
    }

    /**
     * The platform sub-domains the customer holds other than {@code keep} are released (ADR 026): after a change of
     * sub-domain, and again on every retry of it, so a crash between the new claim and this release leaves nothing
     * held for ever. The customer's own domains stay, also one that happens to end in the platform domain.
     */
    public void releaseSubdomainsExcept(String partnerId, String customerId, String keep, List<String> ownDomains) {
        List<String> own = normalised(ownDomains);
        List<String> stale = collection().find(and(eq("customerId", customerId), eq("partnerId", partnerId)))
                .map(d -> read(d).domain()).into(new ArrayList<>()).stream()
                .filter(domain -> domain.endsWith("." + platformDomain) && !domain.equals(keep))
                .filter(domain -> !own.contains(domain))
                .toList();
        if (!stale.isEmpty()) {
            collection().deleteMany(and(in("_id", stale), eq("customerId", customerId), eq("partnerId", partnerId)));
        }
    }

    @Override
    public boolean heldBy(String domain, String partnerId, String customerId) {
        ClaimDocument holder = holder(domain);
        return holder != null && holder.heldBy(partnerId, customerId);
    }

    /** Releases every domain of the partner's customer. Safe to repeat. */
    public void release(String partnerId, String customerId) {
        collection().deleteMany(and(eq("customerId", customerId), eq("partnerId", partnerId)));
    }

    /** The domains of the list that some customer holds (the dry run's and the POST's early answer). */
    @Override
    public List<String> claimed(List<String> domains) {
        List<String> wanted = normalised(domains);
        if (wanted.isEmpty()) {
            return List.of();
        }
        return collection().find(in("_id", wanted)).map(d -> read(d).domain()).into(new ArrayList<>())
                .stream().sorted().toList();
    }

    /** Lower case, without blanks and repeats, sorted. */
    static List<String> normalised(List<String> domains) {
        return domains == null ? List.of() : domains.stream().filter(Objects::nonNull).map(String::strip)
                .filter(d -> !d.isEmpty()).map(d -> d.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    private ClaimDocument holder(String domain) {
        return read(collection().find(eq("_id", domain)).first());
    }

    private ClaimDocument read(Document document) {
        return mapping.read(ClaimDocument.class, document);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
