package io.provisio.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workload of issue 12, closed loop: each client takes one token, then loops
 * {@code POST /api/v1/onboardings} (one CUSTOMER-PORTAL unit, two contacts, welcome e-mail now) and
 * {@code GET} of the onboarding every {@code poll} until it is COMPLETED or FAILED.
 * {@code load} measures a window after a warm-up; {@code seed} just runs {@code count} onboardings.
 */
final class LoadRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Bench.Options options;
    private final boolean seed;
    private final URI gateway;
    private final int clients;
    private final Duration poll;
    private final Duration giveUp;
    private final String runId = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final CloseableHttpClient http;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final AtomicLong gets = new AtomicLong();
    private volatile long stopStartingAt = Long.MAX_VALUE;

    /** One onboarding as the client saw it; nanoTime stamps. */
    /**
     * One onboarding as the client saw it.
     *
     * @param postNanos how long the POST took to be answered
     * @param sagaMillis from the onboarding's {@code createdAt} to its {@code updatedAt}, as the server recorded them
     */
    record Outcome(long startedAt, long finishedAt, String status, String failure, long postNanos, long sagaMillis) {
    }

    LoadRun(Bench.Options options, boolean seed) {
        this.options = options;
        this.seed = seed;
        this.gateway = URI.create(options.text("gateway", "http://localhost:8080"));
        this.clients = options.number("clients", seed ? 96 : 64);
        this.poll = options.duration("poll", "50ms");
        this.giveUp = options.duration("give-up", "120s");
        this.http = client(clients);
    }

    /**
     * The clients' HTTP client: Apache HttpClient's blocking one, each client thread on a kept-alive connection of
     * its own. The JDK's {@code java.net.http.HttpClient} hands every exchange between the caller, its selector thread
     * and an executor; on this machine it cost the load client ~0.6 ms of CPU per request, CPU that the suite under
     * test then lacked (docs/PERFORMANCE.md, run 19). No retries, redirects or cookies: every request is sent once.
     */
    private static CloseableHttpClient client(int clients) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(clients + 4).setMaxConnPerRoute(clients + 4)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofSeconds(30)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableConnectionState()
                .build();
    }

    /** An answer as far as the load client reads it. */
    private record Reply(int status, String body, String location) {
    }

    private Reply send(ClassicHttpRequest request) throws IOException {
        return http.execute(request, response -> {
            Header location = response.getFirstHeader("Location");
            return new Reply(response.getCode(),
                    response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                    location == null ? null : location.getValue());
        });
    }

    void run() throws Exception {
        String[] credentials = options.text("client", "nordic-it-api:change-me").split(":", 2);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            tokens.add(token(credentials[0], credentials[1]));
        }
        if (seed) {
            runSeed(tokens);
        } else {
            runLoad(tokens);
        }
    }

    private void runSeed(List<String> tokens) throws InterruptedException {
        long count = options.number("count", 100_000);
        AtomicLong left = new AtomicLong(count);
        long begin = System.nanoTime();
        CountDownLatch done = new CountDownLatch(clients);
        for (String token : tokens) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        onboardOnce(token);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long reported = 0;
        while (!done.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            long finished = outcomes.size();
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "seed: %d of %d finished in %.0f s (%.1f/s over the last 10 s)%n",
                    finished, count, seconds, (finished - reported) / 10.0);
            reported = finished;
        }
        long completed = outcomes.stream().filter(o -> o.status().equals("COMPLETED")).count();
        System.out.printf(Locale.ROOT, "seed: %d COMPLETED, %d FAILED, %d unfinished, refusals %s, in %.0f s%n",
                completed, outcomes.size() - completed, unfinished.get(), refusals,
                (System.nanoTime() - begin) / 1e9);
    }

    private void runLoad(List<String> tokens) throws Exception {
        // Five minutes: after one, the JIT compilers still take about a third of the machine (PERFORMANCE.md, run 15).
        Duration warmup = options.duration("warmup", "300s");
        Duration window = options.duration("duration", "60s");
        Map<String, Long> pids = new TreeMap<>();
        options.pairs("pid").forEach((name, pid) -> pids.put(name, Long.parseLong(pid)));
        pids.put("load-client", ProcessHandle.current().pid());
        Prometheus prometheus = new Prometheus(options.pairs("metrics"));

        long begin = System.nanoTime();
        long windowStart = begin + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        stopStartingAt = windowEnd;
        CountDownLatch done = new CountDownLatch(clients);
        for (String token : tokens) {
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (System.nanoTime() < stopStartingAt) {
                        onboardOnce(token);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        sleepUntil(windowStart);
        Map<String, Double> cpuBefore = ProcessCpu.cpuSeconds(pids);
        Map<String, Map<Long, Double>> jitBefore = compilerThreads(pids);
        Map<String, Double> metricsBefore = prometheus.scrape();
        long getsBefore = gets.get();
        System.out.printf(Locale.ROOT, "warm-up over (%d onboardings finished); measuring %d s%n", outcomes.size(),
                window.toSeconds());
        sleepUntil(windowEnd);
        Map<String, Double> cpuAfter = ProcessCpu.cpuSeconds(pids);
        Map<String, Map<Long, Double>> jitAfter = compilerThreads(pids);
        Map<String, Double> metricsAfter = prometheus.scrape();
        long getsInWindow = gets.get() - getsBefore;
        Map<String, long[]> memory = new TreeMap<>();
        pids.forEach((name, pid) -> memory.put(name, ProcessCpu.memoryMiB(pid)));
        done.await();

        List<Outcome> all = List.copyOf(outcomes);
        List<Outcome> inWindow = all.stream()
                .filter(o -> o.finishedAt() >= windowStart && o.finishedAt() < windowEnd).toList();
        long completed = inWindow.stream().filter(o -> o.status().equals("COMPLETED")).count();
        long failedTotal = all.stream().filter(o -> !o.status().equals("COMPLETED")).count();
        double seconds = window.toNanos() / 1e9;
        long[] millis = inWindow.stream().filter(o -> o.status().equals("COMPLETED"))
                .mapToLong(o -> (o.finishedAt() - o.startedAt()) / 1_000_000).sorted().toArray();

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "%nProvisio onboarding benchmark: %d clients, poll %d ms, warm-up %d s, window %d s%n",
                clients, poll.toMillis(), warmup.toSeconds(), window.toSeconds()));
        report.append(String.format(Locale.ROOT, "completed in window   %d (%.1f/s)%n", completed, completed / seconds));
        report.append(String.format(Locale.ROOT, "latency (ms)          p50 %d  p95 %d  p99 %d  max %d%n",
                percentile(millis, 0.50), percentile(millis, 0.95), percentile(millis, 0.99),
                millis.length == 0 ? 0 : millis[millis.length - 1]));
        long[] postMillis = inWindow.stream().mapToLong(o -> o.postNanos() / 1_000_000).sorted().toArray();
        long[] sagaMillis = inWindow.stream().filter(o -> o.status().equals("COMPLETED"))
                .mapToLong(Outcome::sagaMillis).sorted().toArray();
        report.append(String.format(Locale.ROOT, "  of which POST (ms)  p50 %d  p95 %d  p99 %d%n",
                percentile(postMillis, 0.50), percentile(postMillis, 0.95), percentile(postMillis, 0.99)));
        report.append(String.format(Locale.ROOT, "  saga, server (ms)   p50 %d  p95 %d  p99 %d  (createdAt to updatedAt)%n",
                percentile(sagaMillis, 0.50), percentile(sagaMillis, 0.95), percentile(sagaMillis, 0.99)));
        report.append(String.format(Locale.ROOT, "whole run             %d finished, %d FAILED, %d not finished after %d s, refused %s%n",
                all.size(), failedTotal, unfinished.get(), giveUp.toSeconds(), refusals));
        all.stream().filter(o -> !o.status().equals("COMPLETED")).map(Outcome::failure).distinct().limit(5)
                .forEach(f -> report.append("  failure: ").append(f).append('\n'));
        report.append(String.format(Locale.ROOT, "GETs per onboarding   %.1f%n", completed == 0 ? 0.0 : (double) getsInWindow / completed));

        report.append(String.format(Locale.ROOT, "%n%-22s %10s %12s %10s %10s %8s%n", "process", "CPU s", "CPU ms/onb", "RSS MiB",
                "peak MiB", "JIT %"));
        double totalCpu = 0;
        double totalJit = 0;
        for (Map.Entry<String, Long> process : pids.entrySet()) {
            String name = process.getKey();
            double cpu = cpuAfter.get(name) - cpuBefore.get(name);
            double jit = ProcessCpu.compilerSecondsBetween(jitBefore.get(name), jitAfter.get(name));
            totalCpu += cpu;
            totalJit += jit;
            long[] mem = memory.get(name);
            report.append(String.format(Locale.ROOT, "%-22s %10.1f %12.2f %10d %10d %8s%n", name, cpu,
                    completed == 0 ? 0.0 : cpu * 1000 / completed, mem[0], mem[1],
                    jitAfter.get(name).isEmpty() || cpu <= 0 ? "" : String.format(Locale.ROOT, "%.0f", 100 * jit / cpu)));
        }
        report.append(String.format(Locale.ROOT, "%-22s %10.1f %12.2f   (machine: %.0f%% of 2 cores; JIT compilers %.0f%% of it)%n",
                "all", totalCpu, completed == 0 ? 0.0 : totalCpu * 1000 / completed, 100 * totalCpu / seconds / 2,
                totalCpu <= 0 ? 0.0 : 100 * totalJit / totalCpu));

        double published = Prometheus.delta(metricsBefore, metricsAfter, null, "provisio_outbox_published_total");
        double lagCount = Prometheus.delta(metricsBefore, metricsAfter, null, "provisio_outbox_lag_seconds_count");
        double lagSum = Prometheus.delta(metricsBefore, metricsAfter, null, "provisio_outbox_lag_seconds_sum");
        report.append(String.format(Locale.ROOT, "%nsaga messages         %.0f published (%.0f/s, %.1f per onboarding)%n",
                published, published / seconds, completed == 0 ? 0.0 : published / completed));
        report.append(String.format(Locale.ROOT, "outbox lag (ms)       mean %.1f  p50 <= %s  p99 <= %s%n",
                lagCount == 0 ? Double.NaN : lagSum * 1000 / lagCount,
                bound(Prometheus.quantile(metricsBefore, metricsAfter, "provisio_outbox_lag_seconds", 0.50)),
                bound(Prometheus.quantile(metricsBefore, metricsAfter, "provisio_outbox_lag_seconds", 0.99))));
        for (String service : options.pairs("metrics").keySet()) {
            double count = Prometheus.delta(metricsBefore, metricsAfter, service, "provisio_outbox_lag_seconds_count");
            double sum = Prometheus.delta(metricsBefore, metricsAfter, service, "provisio_outbox_lag_seconds_sum");
            double byRelay = Prometheus.delta(metricsBefore, metricsAfter, service,
                    "provisio_outbox_published_total", "path=\"relay\"");
            if (count > 0) {
                report.append(String.format(Locale.ROOT, "  %-20s %.0f messages, mean lag %.1f ms, %.0f by the recovery relay%n",
                        service, count, sum * 1000 / count, byRelay));
            }
        }
        System.out.print(report);
        System.out.printf(Locale.ROOT, "RESULT throughput=%.1f p50=%d p95=%d p99=%d failed=%d unfinished=%d messagesPerSecond=%.0f cpuMsPerOnboarding=%.2f jitPercent=%.0f%n",
                completed / seconds, percentile(millis, 0.50), percentile(millis, 0.95), percentile(millis, 0.99),
                failedTotal, unfinished.get(), published / seconds, completed == 0 ? 0.0 : totalCpu * 1000 / completed,
                totalCpu <= 0 ? 0.0 : 100 * totalJit / totalCpu);
    }

    private static Map<String, Map<Long, Double>> compilerThreads(Map<String, Long> pids) {
        Map<String, Map<Long, Double>> threads = new TreeMap<>();
        pids.forEach((name, pid) -> threads.put(name, ProcessCpu.compilerThreadSeconds(pid)));
        return threads;
    }

    private void onboardOnce(String token) {
        long n = sequence.incrementAndGet();
        long started = System.nanoTime();
        Reply posted;
        try {
            HttpPost post = new HttpPost(gateway.resolve("/api/v1/onboardings"));
            post.setHeader("Authorization", "Bearer " + token);
            post.setEntity(new StringEntity(request(n), ContentType.APPLICATION_JSON));
            posted = send(post);
        } catch (Exception e) {
            refused("POST " + e.getClass().getSimpleName());
            pause();
            return;
        }
        if (posted.status() != 202) {
            refused("POST " + posted.status());
            pause();
            return;
        }
        long postNanos = System.nanoTime() - started;
        URI onboarding = gateway.resolve(posted.location());
        while (true) {
            pause();
            if (System.nanoTime() - started > giveUp.toNanos()) {
                unfinished.incrementAndGet();
                return;
            }
            Reply got;
            try {
                HttpGet get = new HttpGet(onboarding);
                get.setHeader("Authorization", "Bearer " + token);
                got = send(get);
            } catch (Exception e) {
                refused("GET " + e.getClass().getSimpleName());
                continue;
            }
            gets.incrementAndGet();
            if (got.status() != 200) {
                refused("GET " + got.status());
                continue;
            }
            JsonNode body = JSON.readTree(got.body());
            String status = body.path("status").asString();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                JsonNode failure = body.path("failure");
                long sagaMillis = Duration.between(Instant.parse(body.path("createdAt").asString()),
                        Instant.parse(body.path("updatedAt").asString())).toMillis();
                outcomes.add(new Outcome(started, System.nanoTime(), status,
                        failure.isMissingNode() || failure.isNull() ? null
                                : failure.path("step").asString() + " " + failure.path("code").asString(),
                        postNanos, sagaMillis));
                return;
            }
        }
    }

    /** A valid onboarding with names unique to this run and sequence number. */
    private String request(long n) {
        String account = "b" + runId + "-" + n;
        String domain = account + ".se";
        return """
                {"customer": {"accountName": "%1$s", "companyName": "Bänkbolaget %2$d AB",
                  "address": {"street": "Kungsgatan 12", "city": "Göteborg", "region": "Västra Götaland",
                              "postalCode": "411 19", "country": "SE"},
                  "businessType": "PROFESSIONAL_SERVICES", "locale": "sv-SE", "domains": ["%3$s"]},
                 "administrator": {"username": "bengt.testsson", "firstName": "Bengt", "lastName": "Testsson",
                  "email": "bengt.testsson@%3$s"},
                 "contacts": [{"kind": "ADMIN", "name": "Bengt Testsson", "email": "bengt.testsson@%3$s"},
                              {"kind": "SITE_ADMIN", "name": "Åsa Öberg", "email": "asa.oberg@%3$s"}],
                 "plans": [{"planCode": "CUSTOMER-PORTAL", "units": 1}],
                 "welcomeEmail": {"sendAt": null, "language": "sv"},
                 "acceptPaidPlans": false}
                """.formatted(account, n, domain);
    }

    private String token(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpPost post = new HttpPost(gateway.resolve("/oauth2/token"));
        post.setHeader("Authorization", "Basic " + basic);
        post.setEntity(new StringEntity("grant_type=client_credentials", ContentType.APPLICATION_FORM_URLENCODED));
        Reply response = send(post);
        if (response.status() != 200) {
            throw new IllegalStateException("token request answered " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private void refused(String what) {
        refusals.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private void pause() {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(Math.min(left, 1_000_000_000L)));
        }
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String bound(double seconds) {
        return Double.isNaN(seconds) ? "n/a" : Double.isInfinite(seconds) ? "+Inf"
                : String.format(Locale.ROOT, "%.1f", seconds * 1000);
    }
}
