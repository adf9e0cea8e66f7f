package io.provisio.platform.mongo;

import org.bson.Document;

/** Reading a hand-mapped document's fields the way every writer may have left them. */
public final class BsonFields {

    private BsonFields() {
    }

    /** A numeric field whatever integral type its writer used ({@code $inc} keeps int, a migration may write long); 0 when absent. */
    public static int intOf(Document document, String field) {
        return document.get(field) instanceof Number number ? number.intValue() : 0;
    }
}
