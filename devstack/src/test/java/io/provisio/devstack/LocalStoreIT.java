package io.provisio.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The local store as the local run starts it, in its own process, killed the hard way. */
class LocalStoreIT {

    @TempDir
    Path data;

    @Test
    void losesNoAcknowledgedWriteWhenItsProcessIsKilled() throws Exception {
        int port = LocalProcess.freePort();
        Process store = start(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            // Four writers at once, as the services write: their writes share commits (GroupCommit).
            try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
                List<? extends Future<?>> written = IntStream.range(0, 4).mapToObj(writer -> writers.submit(() -> {
                    for (int i = writer; i < 300; i += 4) {
                        orders.insertOne(new Document("_id", "o-" + i).append("n", i));
                        orders.updateOne(new Document("_id", "o-" + i), new Document("$set", new Document("paid", true)));
                    }
                })).toList();
                for (Future<?> writer : written) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            }
            // Acknowledged: now the process dies with no chance to flush anything.
            store.destroyForcibly().waitFor();
        }

        Process again = start(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(300);
            assertThat(orders.countDocuments(new Document("paid", true))).isEqualTo(300);
        } finally {
            again.destroy();
            again.waitFor();
        }
    }

    private Process start(int port) throws IOException {
        return LocalProcess.start(LocalStore.class, port, data, "store.log");
    }
}
