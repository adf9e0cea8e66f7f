package io.provisio.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's MongoDB stand-in: one process serving every service's database over the
 * wire protocol, persisted to an H2 file under {@code PROVISIO_DATA_DIR}, oplog on.
 * It runs apart from the services, as a real mongod would, so killing a service never takes
 * its data along. Writes of the last second or so may be lost on a hard kill of this process.
 *
 * <p>Usage: {@code java -jar devstack-exec.jar [port]} (default 27017).
 */
public final class LocalStore {

    private static final Logger log = LoggerFactory.getLogger(LocalStore.class);

    private LocalStore() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        Path dataDir = Path.of(System.getenv().getOrDefault("PROVISIO_DATA_DIR", ".data"));
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("store.mv");

        H2Backend backend = new H2Backend(file.toAbsolutePath().toString());
        MongoServer server = new MongoServer(backend);
        server.enableOplog();
        server.bind("127.0.0.1", port);
        log.info("Local store listening on mongodb://127.0.0.1:{} with data in {}", port, file.toAbsolutePath());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Local store shutting down");
            server.shutdown();
            backend.commit();
            stopped.countDown();
        }, "local-store-shutdown"));
        stopped.await();
    }
}
