package io.provisio.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import de.bwaldvogel.mongo.MongoServer;
import io.provisio.devstack.store.IndexedH2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Resolves the infrastructure for tests, once per JVM, in the order ADR 003 fixes:
 * <ol>
 *   <li>{@code RABBITMQ_URI} / {@code MONGODB_URI} from the environment (or system properties);</li>
 *   <li>RabbitMQ reachable on localhost:5672;</li>
 *   <li>Testcontainers, when a Docker engine answers (real RabbitMQ and MongoDB images);</li>
 *   <li>for MongoDB only: the embedded wire-compatible store, in memory, oplog on.</li>
 * </ol>
 * There is no embedded broker: the saga's messaging is always tested over a real AMQP socket.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    static final String RABBIT_IMAGE = "rabbitmq:4.1-management";
    static final String MONGO_IMAGE = "mongo:8.0";

    private static String rabbitUri;
    private static String mongoUri;
    private static Boolean docker;

    private Infrastructure() {
    }

    /** An AMQP URI with credentials, e.g. {@code amqp://guest:guest@localhost:5672}. */
    public static synchronized String rabbitUri() {
        if (rabbitUri == null) {
            rabbitUri = resolveRabbit();
            log.info("RabbitMQ for tests: {}", redact(rabbitUri));
        }
        return rabbitUri;
    }

    /** A MongoDB URI without a database: every service picks its own database on it. */
    public static synchronized String mongoUri() {
        if (mongoUri == null) {
            mongoUri = resolveMongo();
            log.info("MongoDB for tests: {}", redact(mongoUri));
        }
        return mongoUri;
    }

    private static String resolveRabbit() {
        String explicit = setting("RABBITMQ_URI");
        if (explicit != null) {
            return explicit;
        }
        if (reachable("localhost", 5672)) {
            return "amqp://guest:guest@localhost:5672";
        }
        if (dockerAvailable()) {
            RabbitMQContainer container = new RabbitMQContainer(RABBIT_IMAGE);
            container.start();
            return container.getAmqpUrl().replace("amqp://", "amqp://guest:guest@");
        }
        throw new IllegalStateException("""
                No RabbitMQ for the tests. Set RABBITMQ_URI, start one on localhost:5672 \
                (e.g. `rabbitmq-server -detached`), or run a Docker engine for Testcontainers.""");
    }

    private static String resolveMongo() {
        String explicit = setting("MONGODB_URI");
        if (explicit != null) {
            return explicit;
        }
        if (dockerAvailable()) {
            MongoDBContainer container = new MongoDBContainer(MONGO_IMAGE);
            container.start();
            return container.getConnectionString();
        }
        // H2 in memory rather than the memory backend: it stores serialized documents, so a reply
        // being encoded never sees a document another thread is updating.
        MongoServer server = new MongoServer(IndexedH2Backend.inMemory());
        server.enableOplog();
        InetSocketAddress address = server.bind();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-shutdown"));
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    private static synchronized boolean dockerAvailable() {
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                docker = false;
            }
        }
        return docker;
    }

    static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value.trim();
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Hides a password in a URI before it is logged. */
    static String redact(String uri) {
        try {
            URI parsed = URI.create(uri);
            if (parsed.getUserInfo() == null) {
                return uri;
            }
            String user = parsed.getUserInfo().split(":", 2)[0];
            return uri.replace(parsed.getRawUserInfo(), user + ":***");
        } catch (IllegalArgumentException e) {
            return "<unparseable uri>";
        }
    }
}
