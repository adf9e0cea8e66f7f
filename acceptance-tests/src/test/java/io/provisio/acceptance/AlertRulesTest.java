package io.provisio.acceptance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules under {@code deploy/prometheus} are valid, the Prometheus configuration that loads them is valid
 * and scrapes every service under the job name {@code ProvisioServiceDown} watches, and promtool's unit tests of the
 * rules ({@code alerts.test.yml}) pass. Those tests are complete: every alert has a case where it fires on a bad
 * series and one where it stays silent on a good one. An alert that cannot fire (a misspelt label, a histogram whose
 * buckets end below the threshold, a counter born at its first increment) pages nobody, so the build fails instead.
 *
 * <p>A unit test, run by surefire without the suite; it needs {@code promtool} (Debian's {@code prometheus} package).
 */
class AlertRulesTest {

    private static final Path ROOT = Path.of(System.getProperty("provisio.root", "..")).toAbsolutePath().normalize();
    private static final String RULES = "deploy/prometheus/alerts.yml";
    private static final String RULE_TESTS = "deploy/prometheus/alerts.test.yml";
    private static final String CONFIG = "deploy/prometheus/prometheus.yml";
    private static final ExternalTool PROMTOOL = new ExternalTool("promtool",
            "install Debian's prometheus package (apt-get install prometheus); .ci/run does this");
    private static final Set<String> SERVICES = Set.of("gateway", "customer-service", "identity-service",
            "subscription-service", "notification-service");

    @TempDir
    Path work;

    @Test
    void theAlertRulesAreValid() {
        ExternalTool.Result result = promtool("check", "rules", RULES);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void thePrometheusConfigurationIsValid() {
        ExternalTool.Result result = promtool("check", "config", CONFIG);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertBehavesAsItsUnitTestsExpect() {
        ExternalTool.Result result = promtool("test", "rules", RULE_TESTS);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void everyAlertIsTestedFiringAndSilent() {
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> group : list(yaml(RULES), "groups")) {
            for (Map<String, Object> rule : list(group, "rules")) {
                if (rule.get("alert") instanceof String name) {
                    alerts.add(name);
                }
            }
        }
        assertThat(alerts).as("alerts in " + RULES).isNotEmpty();

        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Map<String, Object> test : list(yaml(RULE_TESTS), "tests")) {
            for (Map<String, Object> check : list(test, "alert_rule_test")) {
                // No exp_alerts at all means none expected, as for promtool.
                (list(check, "exp_alerts").isEmpty() ? silent : firing).add(String.valueOf(check.get("alertname")));
            }
        }
        Set<String> tested = new TreeSet<>(firing);
        tested.addAll(silent);
        assertThat(tested).as("alerts tested in %s but not in %s (a silent case of a name that matches no rule"
                + " passes whatever the rules say)", RULE_TESTS, RULES).isSubsetOf(alerts);
        assertThat(firing).as("alerts with a case in %s where they fire (non-empty exp_alerts)", RULE_TESTS)
                .containsAll(alerts);
        assertThat(silent).as("alerts with a case in %s where they stay silent (exp_alerts: [])", RULE_TESTS)
                .containsAll(alerts);
    }

    @Test
    void everyServiceIsScrapedUnderTheJobNameServiceDownWatches() {
        Map<String, Object> metricsPaths = new TreeMap<>();
        for (Map<String, Object> job : list(yaml(CONFIG), "scrape_configs")) {
            metricsPaths.put(String.valueOf(job.get("job_name")), job.get("metrics_path"));
        }
        // ProvisioServiceDown: up{job=~"provisio-.*"} == 0
        assertThat(metricsPaths).as("scrape jobs of " + CONFIG).containsAllEntriesOf(SERVICES.stream()
                .collect(Collectors.toMap(service -> "provisio-" + service, service -> "/actuator/prometheus")));
    }

    private ExternalTool.Result promtool(String... arguments) {
        return PROMTOOL.run(ROOT, work, Map.of(), arguments);
    }

    private static Map<String, Object> yaml(String relative) {
        return YamlTree.load(ROOT, relative);
    }

    /** The list of maps under {@code key}; empty when the key is missing or has no value. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

}
