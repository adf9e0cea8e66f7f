package io.provisio.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local store as the local run starts it, in its own process, killed the hard way. */
class LocalStoreIT {

    @TempDir
    Path data;

    @Test
    void losesNoAcknowledgedWriteWhenItsProcessIsKilled() throws Exception {
        int port = freePort();
        Process store = start(port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            for (int i = 0; i < 300; i++) {
                orders.insertOne(new Document("_id", "o-" + i).append("n", i));
                orders.updateOne(new Document("_id", "o-" + i), new Document("$set", new Document("paid", true)));
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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStore.class.getName(), Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("store.log").toFile());
        builder.environment().put("PROVISIO_DATA_DIR", data.toString());
        Process process = builder.start();
        await("local store listening").atMost(Duration.ofSeconds(30))
                .until(() -> Infrastructure.reachable("127.0.0.1", port));
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
