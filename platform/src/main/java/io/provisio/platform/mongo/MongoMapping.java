package io.provisio.platform.mongo;

import org.bson.Document;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.convert.UpdateMapper;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Spring Data's mapping for stores that write through the driver or the outbox (which take documents): a persistence
 * record becomes the document Spring Data would store, and an {@link Update} the update it would send, field names
 * and values (instants, enums, nested records) mapped by the record's properties. No type hint ({@code _class}) is
 * written: a stored document names no Java class, so its shape stays the collection's, whatever the code that wrote it.
 */
public final class MongoMapping {

    private final MongoConverter converter;
    private final UpdateMapper updates;

    public MongoMapping(MongoConverter converter) {
        this.converter = converter;
        this.updates = new UpdateMapper(converter);
    }

    /** The document of a persistence record: its properties as mapped, nulls left out unless a property says so. */
    public Document document(Object entity) {
        // Declared as its own type, so the converter adds no type hint.
        return (Document) converter.convertToMongoType(entity, TypeInformation.of(entity.getClass()));
    }

    /** The persistence record a document (or a projection of one) maps to; {@code null} for no document. */
    public <T> T read(Class<T> type, Document document) {
        return document == null ? null : converter.read(type, document);
    }

    /** The whole update ({@code $set}, {@code $unset}, ...) as {@code entityType}'s properties map it. */
    public Document update(Class<?> entityType, Update update) {
        return updates.getMappedObject(update.getUpdateObject(),
                converter.getMappingContext().getRequiredPersistentEntity(entityType));
    }

    /** Only the fields an update sets, mapped: what the outbox's writes take. */
    public Document fields(Class<?> entityType, Update update) {
        Document set = update(entityType, update).get("$set", Document.class);
        return set == null ? new Document() : set;
    }
}
