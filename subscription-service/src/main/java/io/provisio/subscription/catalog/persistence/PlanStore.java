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
import io.provisio.platform.mongo.BsonFields;
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

    PlanStore(MongoTemplate mongo) {
        this.plans = mongo.getCollection(COLLECTION);
    }

    /** @return whether the plan was new; an existing plan keeps whatever it holds now */
    public boolean insertIfMissing(Plan plan) {
        return MongoWrites.insertIfAbsent(plans, document(plan));
    }

    private static Document document(Plan plan) {
        return new Document("_id", plan.code())
                .append("name", plan.name())
                .append("unitType", plan.unitType())
                .append("minUnits", plan.minUnits())
                .append("maxUnits", plan.maxUnits())
                .append("paid", plan.paid())
                .append("requires", plan.requires());
    }

    /** Creates or replaces the plan (operator): the catalogue is read afresh by every assignment. */
    public void put(Plan plan) {
        plans.replaceOne(new Document("_id", plan.code()), document(plan), new ReplaceOptions().upsert(true));
    }

    /** The plans among {@code codes} that exist, by code. */
    public Map<String, Plan> findByCodes(Collection<String> codes) {
        List<String> wanted = codes.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, Plan> found = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        plans.find(Filters.in("_id", wanted)).forEach(d -> found.put(d.getString("_id"), toPlan(d)));
        return found;
    }

    /** The catalogue ordered by plan code. */
    public List<Plan> page(int skip, int limit) {
        return plans.find().sort(Sorts.ascending("_id")).skip(skip).limit(limit).map(PlanStore::toPlan)
                .into(new ArrayList<>());
    }

    public long count() {
        return plans.countDocuments();
    }

    private static Plan toPlan(Document d) {
        return new Plan(d.getString("_id"), d.getString("name"), d.getString("unitType"),
                BsonFields.intOf(d, "minUnits"), BsonFields.intOf(d, "maxUnits"),
                Boolean.TRUE.equals(d.getBoolean("paid")), d.getList("requires", String.class, List.of()));
    }
}
