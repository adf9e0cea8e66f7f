package io.provisio.acceptance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/compose/compose.yaml} as Docker Compose resolves it ({@code docker-compose config}, which needs no
 * Docker engine): valid, refusing to start without its secrets, and every Provisio service in it runs as it must in
 * any container: built from the one Dockerfile, non-root, on a read-only root filesystem with a writable /tmp, with
 * a healthcheck, a stop grace above Spring Boot's 30 s shutdown phase, and started only once what it depends on is
 * healthy.
 */
class DeployConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("provisio.root", "..")).toAbsolutePath().normalize();
    private static final String COMPOSE = "deploy/compose/compose.yaml";
    private static final ExternalTool COMPOSE_TOOL = new ExternalTool("docker-compose",
            "install Debian's docker-compose package (apt-get install docker-compose), which validates without a"
                    + " Docker engine; .ci/run does this");
    private static final Map<String, String> SECRETS = Map.of("RABBITMQ_PASSWORD", "test-only",
            "PROVISIO_IDEMPOTENCY_KEY", "test-only");
    private static final Set<String> SERVICES = Set.of("gateway", "customer-service", "identity-service",
            "subscription-service", "notification-service");
    private static final Set<String> INFRASTRUCTURE = Set.of("rabbitmq", "mongo", "mailpit", "jaeger", "prometheus",
            "grafana");

    @TempDir
    Path work;

    @Test
    void refusesToStartWithoutItsSecrets() {
        ExternalTool.Result result = COMPOSE_TOOL.run(ROOT, work, Map.of("RABBITMQ_PASSWORD", "",
                "PROVISIO_IDEMPOTENCY_KEY", ""), "-f", COMPOSE, "config", "-q");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("set RABBITMQ_PASSWORD");
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsEveryServiceNonRootReadOnlyAndHealthCheckedAfterWhatItNeeds() {
        ExternalTool.Result result = COMPOSE_TOOL.run(ROOT, work, SECRETS, "-f", COMPOSE, "config");
        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, Object> config = new Yaml().load(result.output().substring(result.output().indexOf('\n') + 1));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) config.get("services");

        assertThat(services.keySet()).containsAll(SERVICES).containsAll(INFRASTRUCTURE);
        for (String name : SERVICES) {
            Map<String, Object> service = services.get(name);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build.get("dockerfile")).as(name).isEqualTo("deploy/docker/Dockerfile");
            assertThat(((Map<String, Object>) build.get("args")).get("SERVICE")).as(name).isEqualTo(name);
            assertThat(service.get("user")).as(name).isEqualTo("10001:10001");
            assertThat(service.get("read_only")).as(name).isEqualTo(true);
            assertThat((List<String>) service.get("tmpfs")).as(name).contains("/tmp");
            assertThat((Map<String, Object>) service.get("healthcheck")).as(name).containsKey("test");
            assertThat(String.valueOf(service.get("stop_grace_period"))).as(name).isEqualTo("40s");
            Map<String, Map<String, Object>> dependsOn = (Map<String, Map<String, Object>>) service.get("depends_on");
            assertThat(dependsOn).as(name).isNotEmpty();
            assertThat(dependsOn.values()).as(name + " waits until they are healthy")
                    .allSatisfy(condition -> assertThat(condition.get("condition")).isEqualTo("service_healthy"));
        }
        assertThat(((Map<String, Object>) services.get("customer-service").get("depends_on")))
                .containsKeys("mongo", "rabbitmq");
    }
}
