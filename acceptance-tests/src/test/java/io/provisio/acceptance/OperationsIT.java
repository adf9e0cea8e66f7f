package io.provisio.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the dashboard under {@code deploy/} name only metrics the running services
 * export: an on-call engineer's alert that watches a renamed metric never fires, so the build fails
 * instead. One completed and one failed onboarding first, so the series that appear on their first
 * event exist too.
 */
@ExtendWith(Suite.class)
class OperationsIT {

    private static final Pattern METRIC = Pattern.compile("\\b(provisio_[a-z0-9_]+|http_server_requests_[a-z_]+)\\b");
    private static final Set<String> SERVICES = Set.of("gateway", "customer-service", "identity-service",
            "subscription-service", "notification-service");

    @Test
    void everyMetricTheAlertsAndTheDashboardWatchIsExported() {
        Api nordic = Api.nordic();
        String completed = nordic.post("/api/v1/onboardings",
                Onboardings.swedishCustomerWithHostedServices().toString()).location();
        String failed = nordic.post("/api/v1/onboardings",
                Onboardings.swedishCustomerAskingForMoreLicencesThanInStock().toString()).location();
        await().atMost(Duration.ofSeconds(60)).until(() -> nordic.get(completed).json().get("status").asString(),
                "COMPLETED"::equals);
        await().atMost(Duration.ofSeconds(60)).until(() -> nordic.get(failed).json().get("status").asString(),
                "FAILED"::equals);

        Set<String> watched = new TreeSet<>();
        watched.addAll(metricsIn(Path.of("deploy/prometheus/alerts.yml")));
        watched.addAll(metricsIn(Path.of("deploy/grafana/provisio-sagas.json")));
        assertThat(watched).hasSizeGreaterThan(10);

        await("every watched metric exported").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (String service : SERVICES) {
                for (String line : Suite.get().prometheus(service).split("\n")) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        exported.add(line.split("[{ ]", 2)[0]);
                    }
                }
            }
            assertThat(exported).containsAll(watched);
        });
    }

    /**
     * Kubernetes takes a replica out of its Service when readiness fails: a service whose store is away can answer
     * nothing, so MongoDB is part of it; the broker is not (deploy/README.md, "Probes and shutdown").
     */
    @Test
    void readinessOfEveryServiceWithAStoreIncludesTheStoreAndNotTheBroker() {
        for (String service : SERVICES) {
            if (service.equals("gateway")) {
                continue;
            }
            JsonNode components = Api.JSON.readTree(Suite.get().management(service, "/actuator/health/readiness"))
                    .path("components");
            assertThat(components.path("mongo").path("status").asString()).as(service + " readiness: mongo")
                    .isEqualTo("UP");
            assertThat(components.has("rabbit")).as(service + " readiness names the broker").isFalse();
        }
    }

    private static Set<String> metricsIn(Path relative) {
        Path root = Path.of(System.getProperty("provisio.root", ".."));
        try {
            Matcher names = METRIC.matcher(Files.readString(root.resolve(relative)));
            Set<String> found = new TreeSet<>();
            while (names.find()) {
                found.add(names.group(1));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
