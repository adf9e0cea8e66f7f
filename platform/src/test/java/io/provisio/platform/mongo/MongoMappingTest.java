package io.provisio.platform.mongo;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

class MongoMappingTest {

    enum Kind { ADMIN }

    record Nested(String hash, Instant at) {
    }

    record Stored(@Id String id, @Field(write = Field.Write.ALWAYS) String kept, String left, Kind kind,
                  Nested nested, List<Nested> list, Instant createdAt) {
    }

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00.123Z");

    private final MongoMapping mapping = new MongoMapping(converter());

    private static MappingMongoConverter converter() {
        MongoCustomConversions conversions = MongoCustomConversions.create(c -> { });
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }

    @Test
    void writesTheRecordsShapeWithoutATypeHint() {
        Document document = mapping.document(new Stored("s1", null, null, Kind.ADMIN, new Nested("h", AT),
                List.of(new Nested("x", AT)), AT));

        assertThat(document).containsOnlyKeys("_id", "kept", "kind", "nested", "list", "createdAt");
        assertThat(document.get("kept")).isNull();
        assertThat(document.get("kind")).isEqualTo("ADMIN");
        assertThat(document.get("createdAt")).isEqualTo(Date.from(AT));
        assertThat(document.get("nested")).isEqualTo(new Document("hash", "h").append("at", Date.from(AT)));
        assertThat(document.getList("list", Document.class)).containsExactly(
                new Document("hash", "x").append("at", Date.from(AT)));
        assertThat(mapping.read(Stored.class, document)).isEqualTo(new Stored("s1", null, null, Kind.ADMIN,
                new Nested("h", AT), List.of(new Nested("x", AT)), AT));
    }

    @Test
    void mapsAnUpdatesValuesByTheRecordsProperties() {
        Document fields = mapping.fields(Stored.class, new Update().set("nested", new Nested("h", AT))
                .set("list", List.of(new Nested("x", AT))).set("kind", Kind.ADMIN).set("left", null)
                .set("nested.at", AT));

        assertThat(fields).isEqualTo(new Document("nested", new Document("hash", "h").append("at", Date.from(AT)))
                .append("list", List.of(new Document("hash", "x").append("at", Date.from(AT))))
                .append("kind", "ADMIN").append("left", null).append("nested.at", Date.from(AT)));
    }
}
