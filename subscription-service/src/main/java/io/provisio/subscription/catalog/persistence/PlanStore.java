package io.provisio.subscription.catalog.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.catalog.domain.Plan;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Collection {@code plans}: one document per plan, {@code _id} = plan code. */
@Component
public class PlanStore {

    public static final String COLLECTION = "plans";

    private final MongoCollection<Document> plans;
    private final MongoMapping mapping;

    PlanStore(MongoTemplate mongo) {
        this.plans = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /** @return whether the plan was new; an existing plan keeps whatever it holds now */
    public boolean insertIfMissing(Plan plan) {
        return MongoWrites.insertIfAbsent(plans, document(plan));
    }

    private Document document(Plan plan) {
        return mapping.document(PlanDocument.of(plan));
    }

    /** Creates or replaces the plan (operator): the catalogue is read afresh by every assignment. */
    public void put(Plan plan) {
        plans.replaceOne(Filters.eq("_id", plan.code()), document(plan), new ReplaceOptions().upsert(true));
    }

    /** The plans among {@code codes} that exist, by code. */
    public Map<String, Plan> findByCodes(Collection<String> codes) {
        List<String> wanted = codes.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, Plan> found = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        plans.find(Filters.in("_id", wanted)).map(this::toPlan).forEach(plan -> found.put(plan.code(), plan));
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
