package io.provisio.platform.consumer;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A MongoDB the test can stop and start again on the same port, as an outage does to a real one: a
 * wire-protocol server of its own (not the suite's shared test store), with a client that gives up a
 * server selection after 300 ms, so every attempt during the outage fails quickly.
 */
public final class FragileMongo implements AutoCloseable {

    private final String host;
    private final int port;
    private final MongoClient client;
    private final MongoTemplate template;
    private MongoServer server;

    public FragileMongo() {
        this.server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        this.host = address.getHostString();
        this.port = address.getPort();
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + host + ":" + port))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(300, TimeUnit.MILLISECONDS)
                        .readTimeout(2, TimeUnit.SECONDS))
                .applyToServerSettings(server -> server.heartbeatFrequency(500, TimeUnit.MILLISECONDS)
                        .minHeartbeatFrequency(100, TimeUnit.MILLISECONDS))
                .build());
        this.template = new MongoTemplate(client, "fragile");
    }

    public MongoTemplate template() {
        return template;
    }

    /** Takes the server away: open connections break, new ones are refused. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    /** Brings an empty server back on the same port. */
    public synchronized void start() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind(host, port);
        }
    }

    @Override
    public synchronized void close() {
        client.close();
        stop();
    }
}
