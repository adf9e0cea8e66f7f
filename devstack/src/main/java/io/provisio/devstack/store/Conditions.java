package io.provisio.devstack.store;

import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;

/** How an index sees a query: the conditions on each field, with {@code $and} taken apart. */
final class Conditions {

    private Conditions() {
    }

    /**
     * The query's conditions by field, top-level {@code $and} clauses merged in (the Java driver writes
     * {@code Filters.and(eq("_id", x), eq("version", 3))} as {@code {$and: [...]}}). Where two clauses
     * constrain one field in ways that cannot be merged, only the first is kept: an index reading by
     * fewer conditions reads more documents, never fewer, and the collection matches the whole query.
     */
    static Document of(Document query) {
        if (!query.containsKey("$and")) {
            return query;
        }
        Document conditions = new Document();
        collect(query, conditions);
        return conditions;
    }

    private static void collect(Document query, Document into) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            if (condition.getKey().equals("$and") && condition.getValue() instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        collect(document, into);
                    }
                }
            } else {
                merge(into, condition.getKey(), condition.getValue());
            }
        }
    }

    private static void merge(Document into, String field, Object condition) {
        Object earlier = into.get(field);
        if (earlier == null && !into.containsKey(field)) {
            into.put(field, condition);
        } else if (operators(earlier) && operators(condition)
                && ((Document) earlier).keySet().stream().noneMatch(((Document) condition)::containsKey)) {
            Document both = new Document((Document) earlier);
            both.putAll((Document) condition);
            into.put(field, both);
        }
    }

    private static boolean operators(Object condition) {
        return condition instanceof Document document && !document.isEmpty()
                && document.keySet().stream().allMatch(key -> key.startsWith("$"));
    }
}
