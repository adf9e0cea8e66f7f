package io.provisio.subscription.catalog.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.catalog.domain.Plan;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Collection {@code plans}: one document per plan, {@code _id} = plan code.
 *
 * <p>Every assignment reads the plans it names, and plans change rarely (an operator's {@code PUT}), so the plans
 * found are kept for {@code provisio.subscription.catalogue.cache-for} (default 5 s; {@code 0s} keeps none). A
 * {@link #put} on this replica takes effect here at once; on other replicas within that time. Codes not found
 * are not kept: a plan an operator adds is seen by every replica at once.
 */
@Component
public class PlanStore {

    public static final String COLLECTION = "plans";

    private final MongoCollection<Document> plans;
    private final MongoMapping mapping;
    private final Cache<String, Plan> recent;

    PlanStore(MongoTemplate mongo, @Value("${provisio.subscription.catalogue.cache-for:5s}") Duration cacheFor) {
        this.plans = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
        this.recent = Caffeine.newBuilder().expireAfterWrite(cacheFor).maximumSize(10_000).build();
    }

    /** @return whether the plan was new; an existing plan keeps whatever it holds now */
    public boolean insertIfMissing(Plan plan) {
        return MongoWrites.insertIfAbsent(plans, document(plan));
    }

    private Document document(Plan plan) {
        return mapping.document(PlanDocument.of(plan));
    }

    /** Creates or replaces the plan (operator): this replica reads it afresh at once, the others within cache-for. */
    public void put(Plan plan) {
        plans.replaceOne(Filters.eq("_id", plan.code()), document(plan), new ReplaceOptions().upsert(true));
        recent.invalidate(plan.code());
    }

    /** The plans among {@code codes} that exist, by code; those read in the last {@code cache-for} as read then. */
    public Map<String, Plan> findByCodes(Collection<String> codes) {
        List<String> wanted = codes.stream().filter(Objects::nonNull).distinct().toList();
        return new LinkedHashMap<>(recent.getAll(wanted, this::read));
    }

    private Map<String, Plan> read(Collection<? extends String> codes) {
        Map<String, Plan> found = new LinkedHashMap<>();
        if (!codes.isEmpty()) {
            plans.find(Filters.in("_id", List.copyOf(codes))).map(this::toPlan)
                    .forEach(plan -> found.put(plan.code(), plan));
        }
        return found;
    }

    /** The catalogue ordered by plan code. */
    public List<Plan> page(int skip, int limit) {
        return plans.find().sort(Sorts.ascending("_id")).skip(skip).limit(limit).map(this::toPlan)
                .into(new ArrayList<>());
    }

    public long count() {
        return plans.countDocuments();
    }

    private Plan toPlan(Document document) {
        return mapping.read(PlanDocument.class, document).plan();
    }
}
