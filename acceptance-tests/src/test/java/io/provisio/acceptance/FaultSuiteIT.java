package io.provisio.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.provisio.devstack.BrokerProbe;
import io.provisio.ids.Ids;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15's fault suite: under a continuous load of onboardings, every service is killed in turn (the
 * store too; identity-service stays away for 5 minutes while the other faults happen), customer-service is
 * frozen for 75 s, the broker is restarted, commands and replies are
 * duplicated and reordered, and every queue gets one poison message. Then, once the system settled:
 * every valid onboarding completed and every one meant to fail failed; the inventory is exactly what the
 * completed ones took; exactly one welcome e-mail went out per completed onboarding and none for a failed
 * one; nothing of a failed onboarding is left; only the poison sits in the dead-letter queues; and no
 * valid request was answered with a 5xx other than a 503 while a fault was on.
 *
 * <p>It prints a summary table and writes it to {@code target/fault-suite/summary.md}
 * (docs/RELIABILITY.md shows one).
 */
class FaultSuiteIT {

    private static final int AT_LEAST = 200;
    /**
     * Every n-th onboarding also asks for a plan of which the inventory holds nothing: it fails at ASSIGN_PLANS
     * with INSUFFICIENT_LICENSES after its Customer Portal and Hosted Exchange units were taken, and must be
     * undone: those units released, its administrator and customer deleted.
     */
    private static final int EVERY_NTH_FAILS = 7;
    private static final String SCARCE_PLAN = "SCARCE-ADDON";
    private static final int VALID_UNITS = 3;
    private static final String POISON = "{\"this\": \"is not an envelope\", \"poison\": true}";
    /** The channels with a consumer queue, each of which gets one poison message. */
    private static final List<String> CHANNELS = List.of("customer-commands", "saga-replies", "identity-commands",
            "subscription-commands", "notification-commands", "identity-events", "subscription-events",
            "customer-events");
    private static final Duration SETTLE = Duration.ofMinutes(6);
    private static final Duration PACE = Duration.ofSeconds(4);
    /** How long a participant stays away: issue 15 asks that 5 minutes fail no onboarding. */
    private static final Duration IDENTITY_OUTAGE = Duration.ofMinutes(5);
    /**
     * What the load's requests (POST and GET of onboardings) need to be answered: the gateway, customer-service
     * and its store. The saga's participants and the broker are reached asynchronously, so their faults must
     * never show to the partner.
     */
    private static final Set<String> ONBOARDING_API_NEEDS = Set.of("gateway", "customer-service", "store");
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private static FaultStack stack;
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    private final List<Onboarded> onboarded = new CopyOnWriteArrayList<>();
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile boolean loading = true;

    /** An onboarding the load started: where it is, and whether it was meant to fail. */
    record Onboarded(String id, String location, boolean valid, int hostedExchangeUnits) {
    }

    /** One answer of the gateway to a client (a connection that failed has status 0). */
    record Answer(Instant at, String what, int status, boolean valid) {
    }

    /**
     * A fault as injected: what, from when to when, and which parts of the system it takes away
     * ({@code gateway}, a service's name, {@code store}, {@code broker}); the duplicating chaos takes nothing away.
     */
    record Fault(String name, Instant from, Instant to, Set<String> away) {

        /** Whether this fault may explain an answer at {@code at} to a request that needs {@code needed}. */
        boolean explains(Instant at, Set<String> needed, Duration recovery) {
            return !at.isBefore(from) && !at.isAfter(to.plus(recovery)) && away.stream().anyMatch(needed::contains);
        }
    }

    @BeforeAll
    static void startSuite() {
        stack = new FaultStack();
        stack.start();
    }

    @AfterAll
    static void stopSuite() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyValidOnboardingCompletesAndNothingIsLostDoubledOrLeftOverUnderFaults() throws Exception {
        Api partner = Api.partner(stack.gatewayUrl, FaultStack.CLIENT_ID, FaultStack.CLIENT_SECRET);
        JsonNode inventoryBefore = partner.get("/api/v1/inventory").json().get("items");

        List<Thread> clients = new ArrayList<>();
        List<Throwable> clientErrors = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                try {
                    load(partner);
                } catch (Throwable e) {
                    clientErrors.add(e);
                    throw e;
                }
            }));
        }
        try (BrokerProbe broker = BrokerProbe.connect(); Chaos chaos = new Chaos(broker)) {
            for (String channel : CHANNELS) {
                broker.publish(channel, POISON);
            }
            // The services partners call first, while identity still serves the key sets they start with.
            inject("kill -9 gateway", Set.of("gateway"), () -> stack.killAndRestart("gateway"));
            inject("kill -9 customer-service", Set.of("customer-service"),
                    () -> stack.killAndRestart("customer-service"));
            // A participant away for 5 minutes (kill -9, started again after), and meanwhile the other faults.
            List<Throwable> outageErrors = new CopyOnWriteArrayList<>();
            Thread outage = Thread.ofPlatform().name("identity-outage").start(() -> {
                try {
                    inject("kill -9 identity-service, down 5 min", Set.of("identity-service"),
                            () -> stack.downFor("identity-service", IDENTITY_OUTAGE));
                } catch (Throwable e) {
                    outageErrors.add(e);
                }
            });
            inject("kill -9 subscription-service", Set.of("subscription-service"),
                    () -> stack.killAndRestart("subscription-service"));
            inject("kill -9 notification-service", Set.of("notification-service"),
                    () -> stack.killAndRestart("notification-service"));
            inject("kill -9 local store", Set.of("store"), stack::killAndRestartStore);
            inject("SIGSTOP customer-service 75 s", Set.of("customer-service"),
                    () -> stack.freeze("customer-service", Duration.ofSeconds(75)));
            inject("RabbitMQ stop_app / start_app", Set.of("broker"),
                    () -> FaultStack.restartRabbitMq(Duration.ofSeconds(10)));
            outage.join(IDENTITY_OUTAGE.plus(FaultStack.STARTUP).plusMinutes(4));
            assertThat(outageErrors).as("what the identity outage ran into").isEmpty();
            await("at least " + AT_LEAST + " onboardings started").atMost(Duration.ofMinutes(5))
                    .until(() -> onboarded.size() >= AT_LEAST);
            loading = false;
            for (Thread client : clients) {
                client.join(Duration.ofMinutes(3));
            }
            faults.add(new Fault("duplicated and reordered commands and replies", chaos.started, Instant.now(),
                    Set.of()));
            chaos.stop();

            assertThat(clientErrors).as("what the load clients ran into").isEmpty();
            Map<String, JsonNode> settled = settle(partner);
            Summary summary = summarize(settled, chaos.republished.get());
            summary.print();

            List<Onboarded> valid = onboarded.stream().filter(Onboarded::valid).toList();
            List<Onboarded> meantToFail = onboarded.stream().filter(o -> !o.valid()).toList();
            assertThat(valid).as("every valid onboarding COMPLETED").allSatisfy(o ->
                    assertThat(settled.get(o.id()).get("status").asString()).as(o.id()).isEqualTo("COMPLETED"));
            assertThat(meantToFail).as("every onboarding meant to fail FAILED, for its own reason").allSatisfy(o -> {
                JsonNode onboarding = settled.get(o.id());
                assertThat(onboarding.get("status").asString()).as(o.id()).isEqualTo("FAILED");
                assertThat(onboarding.get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
                assertThat(onboarding.get("failure").get("code").asString()).isEqualTo("INSUFFICIENT_LICENSES");
            });

            JsonNode inventoryAfter = partner.get("/api/v1/inventory").json().get("items");
            assertThat(allocated(inventoryAfter, "CUSTOMER-PORTAL") - allocated(inventoryBefore, "CUSTOMER-PORTAL"))
                    .as("exactly one Customer Portal unit per completed onboarding").isEqualTo(valid.size());
            assertThat(allocated(inventoryAfter, "HOSTED-EXCHANGE") - allocated(inventoryBefore, "HOSTED-EXCHANGE"))
                    .as("exactly the completed onboardings' Hosted Exchange units").isEqualTo(valid.size() * VALID_UNITS);

            Map<String, Integer> mails = mailsByMessageId();
            assertThat(valid).as("exactly one welcome and one activation e-mail per completed onboarding")
                    .allSatisfy(o -> {
                        assertThat(mails.getOrDefault(messageId(o.id(), "WELCOME"), 0)).as(o.id()).isEqualTo(1);
                        assertThat(mails.getOrDefault(messageId(o.id(), "ACTIVATION"), 0)).as(o.id()).isEqualTo(1);
                    });
            assertThat(meantToFail).as("no e-mail for a failed onboarding").allSatisfy(o -> {
                assertThat(mails).doesNotContainKey(messageId(o.id(), "WELCOME"));
                assertThat(mails).doesNotContainKey(messageId(o.id(), "ACTIVATION"));
            });

            assertThat(meantToFail).as("nothing left of a failed onboarding").allSatisfy(o -> {
                String customerId = settled.get(o.id()).get("customerId").asString();
                String customer = "/api/v1/customers/" + customerId;
                for (String part : List.of("", "/users", "/contacts", "/subscriptions")) {
                    assertThat(partner.get(customer + part).status()).as(customer + part).isEqualTo(404);
                }
                stack.assertNothingLeftOf(o.id(), customerId);
            });

            for (String queue : Suite.QUEUES) {
                assertThat(broker.peek(queue + ".dlq")).as("only the poison in " + queue + ".dlq")
                        .containsExactly(POISON);
            }

            // A 503 only while a fault took away what the request needs (the gateway, customer-service or its
            // store), a failed connection only while the gateway was down; a participant's or the broker's
            // outage must not show to the partner at all.
            assertThat(answers).as("no 5xx to a valid request but a 503 while what it needs was away")
                    .filteredOn(a -> a.valid() && (a.status() >= 500 || a.status() == 0))
                    .allSatisfy(a -> {
                        Set<String> needed = a.status() == 0 ? Set.of("gateway") : ONBOARDING_API_NEEDS;
                        assertThat(a.status()).as(a.toString()).isIn(0, 503);
                        assertThat(faults).as(a + " explained by a fault that took away one of " + needed)
                                .anySatisfy(f -> assertThat(f.explains(a.at(), needed, RECOVERY)).isTrue());
                    });
        }
    }

    /** Starts onboardings until told to stop, each repeated with its Idempotency-Key until answered. */
    private void load(Api partner) {
        while (loading) {
            int n = sequence.incrementAndGet();
            boolean valid = n % EVERY_NTH_FAILS != 0;
            int units = VALID_UNITS;
            String key = RUN + "-" + n;
            String body = request(n, valid);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (Instant.now().isBefore(deadline)) {
                Api.Response response = call(() -> partner.post("/api/v1/onboardings", body, key), "POST", true);
                if (response != null && (response.status() == 202 || response.status() == 200)) {
                    onboarded.add(new Onboarded(response.json().get("id").asString(), response.location(), valid,
                            units));
                    break;
                }
                if (response != null && response.status() < 500 && response.status() != 429) {
                    throw new AssertionError("a valid request was refused: " + response.status() + " "
                            + response.text());
                }
                pause(Duration.ofSeconds(1));
            }
            // A steady load the machine can carry while a fault is on: the suite tests faults, not overload
            // (docs/PERFORMANCE.md measures that). Three clients, one onboarding each every ~4 s: about 200 by the time
            // the identity outage is over, which is what the load must outlast (its restart waits for new onboardings).
            pause(PACE);
        }
    }

    /** Every onboarding's final state; waits until none is IN_PROGRESS or COMPENSATING any more. */
    private Map<String, JsonNode> settle(Api partner) {
        Map<String, JsonNode> settled = new ConcurrentHashMap<>();
        Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();
        try {
            awaitSettled(partner, settled, lastSeen);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Where the unfinished ones stand, for whoever reads the failure.
            onboarded.stream().filter(o -> !settled.containsKey(o.id())).limit(10).forEach(o ->
                    System.out.println("Not finished: " + o.id() + " " + lastSeen.get(o.id())));
            throw e;
        }
        // The e-mails of the last completions leave a moment after them.
        await("every welcome e-mail sent").atMost(Duration.ofMinutes(2)).until(() -> {
            Map<String, Integer> mails = mailsByMessageId();
            return onboarded.stream().filter(Onboarded::valid)
                    .allMatch(o -> mails.containsKey(messageId(o.id(), "WELCOME"))
                            && mails.containsKey(messageId(o.id(), "ACTIVATION")));
        });
        return settled;
    }

    private void awaitSettled(Api partner, Map<String, JsonNode> settled, Map<String, JsonNode> lastSeen) {
        await("every onboarding finished").atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            for (Onboarded o : onboarded) {
                if (!settled.containsKey(o.id())) {
                    Api.Response response = call(() -> partner.get(o.location()), "GET", true);
                    if (response != null && response.status() == 200) {
                        String status = response.json().get("status").asString();
                        if (status.equals("COMPLETED") || status.equals("FAILED")) {
                            settled.put(o.id(), response.json());
                        } else {
                            lastSeen.put(o.id(), response.json());
                        }
                    }
                }
            }
            return settled.size() == onboarded.size();
        });
    }

    private Api.Response call(Supplier<Api.Response> request, String what, boolean valid) {
        try {
            Api.Response response = request.get();
            answers.add(new Answer(Instant.now(), what, response.status(), valid));
            return response;
        } catch (UncheckedIOException | IllegalStateException e) {
            // The gateway itself is down (killed): the connection fails, which is no answer at all.
            answers.add(new Answer(Instant.now(), what + " (no connection)", 0, valid));
            return null;
        }
    }

    private void inject(String name, Set<String> away, Runnable fault) {
        Instant from = Instant.now();
        fault.run();
        faults.add(new Fault(name, from, Instant.now(), away));
        // The load goes on on the recovered system before the next fault: partners are served again.
        int before = onboarded.size();
        await("onboardings accepted again after " + name).atMost(Duration.ofMinutes(3))
                .until(() -> onboarded.size() >= before + 5);
    }

    /** Paces a load client or the chaos thread; nothing waits for a condition here. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String request(int n, boolean valid) {
        String account = "f" + RUN + "-" + n;
        String domain = account + ".se";
        return """
                {"customer": {"accountName": "%1$s", "companyName": "Felsäker %2$d AB",
                  "address": {"street": "Kungsgatan 12", "city": "Göteborg", "region": "Västra Götaland",
                              "postalCode": "411 19", "country": "SE"},
                  "businessType": "PROFESSIONAL_SERVICES", "locale": "sv-SE", "domains": ["%3$s"]},
                 "administrator": {"username": "karin.lund", "firstName": "Karin", "lastName": "Lund",
                  "email": "karin.lund@%3$s"},
                 "contacts": [{"kind": "ADMIN", "name": "Karin Lund", "email": "karin.lund@%3$s"},
                              {"kind": "SITE_ADMIN", "name": "Åsa Öberg", "email": "asa.oberg@%3$s"}],
                 "plans": [{"planCode": "CUSTOMER-PORTAL", "units": 1},
                           {"planCode": "HOSTED-EXCHANGE", "units": %4$d}%5$s],
                 "welcomeEmail": {"sendAt": null, "language": "sv"},
                 "acceptPaidPlans": true}
                """.formatted(account, n, domain, VALID_UNITS,
                valid ? "" : ",\n                           {\"planCode\": \"" + SCARCE_PLAN + "\", \"units\": 1}");
    }

    /** The Message-ID notification-service gives a saga's e-mail of one template (Notification.idFor). */
    private static String messageId(String sagaId, String template) {
        return "<ntf-" + Ids.derived(sagaId, sagaId + "/" + template) + "@provisio>";
    }

    /** How many e-mails with each Message-ID the SMTP server received. */
    private static Map<String, Integer> mailsByMessageId() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MimeMessage mail : stack.mail().getReceivedMessages()) {
            try {
                counts.merge(mail.getMessageID(), 1, Integer::sum);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    private static int allocated(JsonNode inventory, String plan) {
        for (JsonNode item : inventory) {
            if (plan.equals(item.get("planCode").asString())) {
                return item.get("allocated").asInt();
            }
        }
        throw new AssertionError("no inventory of " + plan);
    }

    private Summary summarize(Map<String, JsonNode> settled, int republished) {
        long completed = settled.values().stream().filter(o -> o.get("status").asString().equals("COMPLETED")).count();
        long failed = settled.size() - completed;
        long lost = onboarded.stream().filter(Onboarded::valid)
                .filter(o -> !settled.containsKey(o.id())
                        || !settled.get(o.id()).get("status").asString().equals("COMPLETED")).count();
        Map<String, Integer> mails = mailsByMessageId();
        long duplicateMails = mails.values().stream().filter(c -> c > 1).count();
        long fiveHundreds = answers.stream().filter(a -> a.status() >= 500).count();
        long noConnection = answers.stream().filter(a -> a.status() == 0).count();
        return new Summary(List.copyOf(faults), onboarded.size(), completed, failed, lost, duplicateMails,
                republished, fiveHundreds, noConnection);
    }

    record Summary(List<Fault> faults, int onboardings, long completed, long failed, long lost,
                   long duplicateMails, int republished, long fiveHundreds, long noConnection) {

        void print() {
            StringBuilder table = new StringBuilder();
            table.append("| fault | from | for |\n|---|---|---|\n");
            for (Fault fault : faults) {
                table.append(String.format(Locale.ROOT, "| %s | %s | %d s |%n", fault.name(), fault.from(),
                        Duration.between(fault.from(), fault.to()).toSeconds()));
            }
            table.append("\n| faults injected | onboardings | completed | failed (meant to) | lost | duplicate e-mails "
                    + "| messages duplicated/reordered | 503s | no connection (gateway down) |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            table.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %d | %d |%n",
                    faults.size(), onboardings, completed, failed, lost, duplicateMails, republished, fiveHundreds,
                    noConnection));
            System.out.println("\nFault suite summary\n" + table);
            try {
                Path file = Path.of(System.getProperty("provisio.root", ".."),
                        "acceptance-tests/target/fault-suite/summary.md");
                Files.createDirectories(file.getParent());
                Files.writeString(file, table.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Duplicates and reorders saga traffic: taps the command and reply channels and publishes every third
     * message once more, a little later, so it arrives twice and after messages sent after it. A message it
     * published itself comes back on its tap; it is not published again. The taps are declared again after
     * the broker restarted (they are exclusive queues, gone with their connection).
     */
    private static final class Chaos implements AutoCloseable {

        private static final List<String> TAPPED = List.of("identity-commands", "subscription-commands",
                "notification-commands", "saga-replies");

        private final BrokerProbe broker;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final List<String[]> delayed = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger republished = new AtomicInteger();
        private final Thread thread;
        private final Instant started = Instant.now();
        private volatile boolean running = true;

        Chaos(BrokerProbe broker) {
            this.broker = broker;
            this.thread = Thread.ofPlatform().name("chaos").start(this::run);
        }

        private void run() {
            Map<String, String> taps = new LinkedHashMap<>();
            int counter = 0;
            while (running) {
                try {
                    if (taps.isEmpty()) {
                        TAPPED.forEach(channel -> taps.put(channel, broker.tap(channel)));
                    }
                    for (Map.Entry<String, String> tap : taps.entrySet()) {
                        var body = broker.receive(tap.getValue(), Duration.ofMillis(50));
                        if (body.isPresent() && !body.get().equals(POISON)) {
                            String messageId = Api.JSON.readTree(body.get()).path("messageId").asString();
                            if (seen.add(messageId) && ++counter % 3 == 0) {
                                delayed.add(new String[] {tap.getKey(), body.get()});
                            }
                        }
                    }
                    // Published a round or more later: after messages that were sent after them.
                    if (delayed.size() >= 4) {
                        List<String[]> batch;
                        synchronized (delayed) {
                            batch = new ArrayList<>(delayed);
                            delayed.clear();
                        }
                        Collections.reverse(batch);
                        for (String[] message : batch) {
                            broker.publish(message[0], message[1]);
                            republished.incrementAndGet();
                        }
                    }
                } catch (RuntimeException e) {
                    // The broker is restarting: declare the taps again once it is back.
                    taps.clear();
                    pause(Duration.ofSeconds(1));
                }
            }
        }

        void stop() {
            running = false;
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
