package io.provisio.platform.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;

class MongoWritesTest {

    static MongoWriteException refusedBy(String index) {
        return new MongoWriteException(new WriteError(11000, "E11000 duplicate key error collection: identity.users"
                + " index: " + index + " dup key: { upnKey: \"admin@collide.provisio.cloud\" }", new BsonDocument()),
                new ServerAddress());
    }

    @Test
    void namesTheUniqueIndexThatRefusedAWrite() {
        assertThat(MongoWrites.violatedIndex(refusedBy("upnKey_unique"))).contains("upnKey_unique");
        assertThat(MongoWrites.violatedIndex(refusedBy("_id_"))).contains("_id_");
    }

    @Test
    void namesTheIndexThroughSpringsTranslation() {
        DuplicateKeyException translated = new DuplicateKeyException("Write operation error",
                refusedBy("emailKey_unique"));

        assertThat(MongoWrites.violatedIndex(translated)).contains("emailKey_unique");
    }

    @Test
    void namesNothingForOtherFailures() {
        assertThat(MongoWrites.violatedIndex(new DataIntegrityViolationException("index: x dup key"))).isEmpty();
        assertThat(MongoWrites.violatedIndex(new IllegalStateException("boom"))).isEmpty();
    }
}
