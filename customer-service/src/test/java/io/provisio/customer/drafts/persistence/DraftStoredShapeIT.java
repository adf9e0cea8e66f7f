package io.provisio.customer.drafts.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.provisio.customer.drafts.domain.Draft;
import io.provisio.devstack.Infrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** Drafts are stored field for field as they always were (every field written, nulls too), and read back. */
class DraftStoredShapeIT {

    private static final String DATABASE = "customers-draft-shape-it";
    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00.123Z");

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static MongoDraftRepository drafts;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoUri());
        mongo = new MongoTemplate(client, DATABASE);
        drafts = new MongoDraftRepository(mongo);
    }

    @AfterAll
    static void disconnect() {
        client.getDatabase(DATABASE).drop();
        client.close();
    }

    @Test
    void aDraftWithoutANameAndItsReplacement() {
        String partner = "shape-" + UUID.randomUUID();
        String id = "drf-" + UUID.randomUUID();
        Draft draft = new Draft(id, partner, null, "{\"customer\":{\"$odd.key\":1}}", null, null, CREATED, CREATED,
                "staff-1", Draft.FIRST_VERSION);

        drafts.insert(draft);
        Document stored = mongo.getCollection(MongoDraftRepository.COLLECTION).find(eq("_id", id)).first();
        assertThat(stored).isEqualTo(new Document("_id", id).append("partnerId", partner).append("name", null)
                .append("request", "{\"customer\":{\"$odd.key\":1}}").append("companyName", null)
                .append("accountName", null).append("createdAt", Date.from(CREATED))
                .append("updatedAt", Date.from(CREATED)).append("updatedBy", "staff-1").append("version", 1L));
        assertThat(List.copyOf(stored.keySet())).containsExactly("_id", "partnerId", "name", "request", "companyName",
                "accountName", "createdAt", "updatedAt", "updatedBy", "version");
        assertThat(drafts.find(partner, id)).contains(draft);

        Draft renamed = new Draft(id, partner, "Testbolag", draft.request(), "Testbolag AB", "testbolag", CREATED,
                CREATED.plusSeconds(5), "staff-2", 2);
        assertThat(drafts.replace(renamed, 1)).isTrue();
        assertThat(drafts.replace(renamed, 1)).as("a stale version").isFalse();
        assertThat(drafts.list(partner, 0, 10)).containsExactly(renamed);
        assertThat(drafts.find("another-partner", id)).isEmpty();
    }
}
