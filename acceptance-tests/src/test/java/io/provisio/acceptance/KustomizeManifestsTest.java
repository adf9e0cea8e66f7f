package io.provisio.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.provisio.acceptance.NetworkPolicies.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static io.provisio.acceptance.YamlTree.at;
import static io.provisio.acceptance.YamlTree.list;
import static io.provisio.acceptance.YamlTree.map;
import static io.provisio.acceptance.YamlTree.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/k8s} as a cluster would receive it: each overlay rendered by {@code kubectl kustomize}, and on what
 * it renders, what must hold whatever anyone edits: every container probed on its management port, limited, non-root
 * on a read-only root filesystem, shut down within its grace period, all at one image tag; every Deployment under
 * one autoscaler; every queue a ScaledObject watches one that the binder configuration of the service it scales
 * declares (read from the services' {@code application.yml}, not a list here); the NetworkPolicies admitting from
 * outside only the gateway's API and on the management port only Prometheus; the PrometheusRule and the dashboard
 * the very files under {@code deploy/prometheus} and {@code deploy/grafana}; no Secret value shipped for production.
 *
 * <p>A unit test, run by surefire without the suite; it needs {@code kubectl} 1.27 or later (kustomize v5).
 */
class KustomizeManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("provisio.root", "..")).toAbsolutePath().normalize();
    private static final ExternalTool KUBECTL = new ExternalTool("kubectl",
            "install kubectl 1.27 or later, whose kustomize (v5) renders deploy/k8s (Debian 12's kubernetes-client,"
                    + " 1.20, is too old)");
    private static final String ALERTS = "deploy/prometheus/alerts.yml";
    private static final String SCRAPE_CONFIG = "deploy/prometheus/prometheus.yml";
    private static final String DASHBOARD = "deploy/grafana/provisio-sagas.json";
    private static final String PLATFORM_DEFAULTS = "platform/src/main/resources/provisio-platform-defaults.yml";
    private static final String README = "deploy/README.md";
    private static final String GATEWAY = "gateway";
    private static final List<String> SERVICES = List.of("customer-service", "identity-service",
            "subscription-service", "notification-service");
    private static final int API_PORT = 8080;
    private static final int MANAGEMENT_PORT = 9080;
    private static final int NON_ROOT_USER = 10001;
    /** Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase, for a service that does not set it. */
    private static final int DEFAULT_SHUTDOWN_PHASE_SECONDS = 30;

    /** Each overlay rendered once for all tests (kubectl takes a second or two), never changed by one. */
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    @TempDir
    static Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerIsProbedLimitedAndLockedDown(String overlay) {
        List<Map<String, Object>> deployments = render(overlay).get("Deployment");
        assertThat(deployments).extracting(KustomizeManifestsTest::name)
                .containsExactlyInAnyOrderElementsOf(components());

        for (Map<String, Object> deployment : deployments) {
            String name = name(deployment);
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            List<Map<String, Object>> containers = new ArrayList<>(list(pod, "initContainers"));
            containers.addAll(list(pod, "containers"));
            for (Map<String, Object> container : containers) {
                String where = name + "/" + container.get("name");
                Map<String, Integer> ports = namedPorts(container);
                assertThat(probe(container, "startupProbe", ports)).as(where + " startupProbe")
                        .isEqualTo(MANAGEMENT_PORT + " /actuator/health/liveness");
                assertThat(probe(container, "livenessProbe", ports)).as(where + " livenessProbe")
                        .isEqualTo(MANAGEMENT_PORT + " /actuator/health/liveness");
                assertThat(probe(container, "readinessProbe", ports)).as(where + " readinessProbe")
                        .isEqualTo(MANAGEMENT_PORT + " /actuator/health/readiness");

                assertThat(map(container, "resources", "requests")).as(where + " requests")
                        .containsKeys("cpu", "memory");
                assertThat(map(container, "resources", "limits")).as(where + " limits")
                        .containsKeys("cpu", "memory");

                assertThat(effective(pod, container, "runAsNonRoot")).as(where + " runAsNonRoot").isEqualTo(true);
                assertThat(effective(pod, container, "runAsUser")).as(where + " runAsUser").isEqualTo(NON_ROOT_USER);
                assertThat(effective(pod, container, "seccompProfile")).as(where + " seccompProfile")
                        .isEqualTo(Map.of("type", "RuntimeDefault"));
                assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).as(where + " read-only root")
                        .isEqualTo(true);
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation"))
                        .as(where + " allowPrivilegeEscalation").isEqualTo(false);
                assertThat(at(container, "securityContext", "capabilities", "drop")).as(where + " capabilities")
                        .isEqualTo(List.of("ALL"));
                assertThat(list(container, "volumeMounts"))
                        .as(where + ": /tmp, the one writable path, on an emptyDir")
                        .anySatisfy(mount -> {
                            assertThat(mount.get("mountPath")).isEqualTo("/tmp");
                            assertThat(list(pod, "volumes")).filteredOn(volume -> volume.get("name")
                                    .equals(mount.get("name"))).singleElement().extracting(volume -> volume
                                    .containsKey("emptyDir")).isEqualTo(true);
                        });
            }

            // The grace period counts from the start of preStop: it must cover the sleep and the whole drain.
            Map<String, Object> app = list(pod, "containers").getFirst();
            Object preStop = at(app, "lifecycle", "preStop", "sleep", "seconds");
            assertThat(preStop).as(name + " preStop sleep (seconds)").isInstanceOf(Integer.class);
            assertThat((Integer) pod.get("terminationGracePeriodSeconds"))
                    .as(name + " terminationGracePeriodSeconds, above preStop + the shutdown phase")
                    .isGreaterThan((Integer) preStop + shutdownPhaseSeconds(name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerRunsItsServicesImageAtTheOverlaysOneTag(String overlay) {
        Map<String, String> images = new TreeMap<>();
        for (Map<String, Object> deployment : render(overlay).get("Deployment")) {
            for (Map<String, Object> container : list(deployment, "spec", "template", "spec", "containers")) {
                images.put(name(deployment), String.valueOf(container.get("image")));
            }
        }

        images.forEach((name, image) -> {
            assertThat(image).as(name).matches("[^@]+:[^:/@]+");
            assertThat(image.substring(0, image.lastIndexOf(':'))).as(name + ": one image per service")
                    .endsWith("/" + name);
        });
        Set<String> tags = images.values().stream().map(image -> image.substring(image.lastIndexOf(':') + 1))
                .collect(Collectors.toSet());
        assertThat(tags).as("image tags in " + overlay + ": " + images).singleElement().isNotEqualTo("latest");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentIsScaledByOneAutoscalerWithinTheOverlaysBoundsAndHasABudget(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, List<String>> autoscalers = new TreeMap<>();
        Map<String, Integer> minimum = new TreeMap<>();
        for (Map<String, Object> hpa : manifests.get("HorizontalPodAutoscaler")) {
            String target = String.valueOf(at(hpa, "spec", "scaleTargetRef", "name"));
            autoscalers.computeIfAbsent(target, key -> new ArrayList<>()).add("HorizontalPodAutoscaler");
            minimum.put(target, (Integer) at(hpa, "spec", "minReplicas"));
            assertThat(list(hpa, "spec", "metrics")).as(target + "'s HPA").extracting(metric -> at(metric,
                    "resource", "name")).containsExactly("cpu");
        }
        for (Map<String, Object> scaledObject : manifests.get("ScaledObject")) {
            String target = String.valueOf(at(scaledObject, "spec", "scaleTargetRef", "name"));
            autoscalers.computeIfAbsent(target, key -> new ArrayList<>()).add("ScaledObject");
            minimum.put(target, (Integer) at(scaledObject, "spec", "minReplicaCount"));
        }

        Map<String, List<String>> expected = new TreeMap<>();
        expected.put(GATEWAY, List.of("HorizontalPodAutoscaler"));
        SERVICES.forEach(service -> expected.put(service, List.of("ScaledObject")));
        assertThat(autoscalers).as("autoscalers by Deployment").isEqualTo(expected);
        assertThat(minimum.values()).as("minimum replicas in " + overlay)
                .allSatisfy(min -> assertThat(min).isEqualTo("prod".equals(overlay) ? 2 : 1));
        for (Map<String, Object> deployment : manifests.get("Deployment")) {
            assertThat(at(deployment, "spec", "replicas")).as(name(deployment)
                    + ": its autoscaler owns the replica count (applying the manifest again must not reset it)")
                    .isNull();
            Map<String, String> labels = strings(deployment, "spec", "template", "metadata", "labels");
            assertThat(manifests.get("PodDisruptionBudget")).as(name(deployment) + "'s disruption budget")
                    .filteredOn(pdb -> NetworkPolicies.matches(map(pdb, "spec", "selector"), labels))
                    .singleElement()
                    .satisfies(pdb -> assertThat(map(pdb, "spec"))
                            .containsKey("prod".equals(overlay) ? "minAvailable" : "maxUnavailable"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void everyQueueAScaledObjectWatchesIsOneTheServiceItScalesConsumes(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, BinderQueue> queues = binderQueues();
        Set<String> authentications = manifests.get("TriggerAuthentication").stream()
                .filter(auth -> list(auth, "spec", "secretTargetRef").stream()
                        .anyMatch(ref -> "host".equals(ref.get("parameter"))))
                .map(KustomizeManifestsTest::name).collect(Collectors.toSet());

        Set<String> watched = new TreeSet<>();
        for (Map<String, Object> scaledObject : manifests.get("ScaledObject")) {
            String target = String.valueOf(at(scaledObject, "spec", "scaleTargetRef", "name"));
            for (Map<String, Object> trigger : list(scaledObject, "spec", "triggers")) {
                if (!"rabbitmq".equals(trigger.get("type"))) {
                    continue;
                }
                String queue = String.valueOf(at(trigger, "metadata", "queueName"));
                watched.add(queue);
                assertThat(queues).as("queues the binder configuration declares").containsKey(queue);
                assertThat(queues.get(queue).application()).as(queue + "'s consumer").isEqualTo(target);
                assertThat(at(trigger, "metadata", "mode")).as(queue).isEqualTo("QueueLength");
                assertThat(at(trigger, "authenticationRef", "name")).as(queue + "'s authentication")
                        .isIn(authentications);
            }
        }
        Set<String> commandsAndReplies = queues.values().stream()
                .filter(queue -> queue.destination().endsWith("-commands")
                        || queue.destination().equals("saga-replies"))
                .map(BinderQueue::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(commandsAndReplies).as("every participant's command queue and the saga's reply queue")
                .hasSize(SERVICES.size() + 1);
        assertThat(watched).containsAll(commandsAndReplies);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void fromOutsideOnlyTheGatewaysApiAndOnlyPrometheusOnTheManagementPort(String overlay) {
        NetworkPolicies policies = networkPolicies(overlay);
        List<Endpoint> suite = suite(render(overlay));
        String namespace = suite.getFirst().namespace();
        for (Endpoint pod : suite) {
            assertThat(policies.isolates(pod, "Ingress")).as(pod + " isolated for ingress").isTrue();
            assertThat(policies.isolates(pod, "Egress")).as(pod + " isolated for egress").isTrue();
        }

        Endpoint prometheus = Endpoint.pod("Prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        Set<String> gatewayApi = Set.of(GATEWAY + ":" + API_PORT);
        Set<String> everyManagementPort = suite.stream().map(pod -> pod + ":" + MANAGEMENT_PORT)
                .collect(Collectors.toSet());
        Map<Endpoint, Set<String>> expected = new LinkedHashMap<>();
        expected.put(Endpoint.outsideTheCluster(), gatewayApi);
        expected.put(Endpoint.pod("a pod of another namespace", "elsewhere", Map.of("app", "anything")), gatewayApi);
        expected.put(Endpoint.pod("another pod of the suite's namespace (its MongoDB, say)", namespace,
                Map.of("app.kubernetes.io/name", "mongodb")), gatewayApi);
        expected.put(Endpoint.pod("a pod named prometheus in the suite's namespace", namespace,
                Map.of("app.kubernetes.io/name", "prometheus")), gatewayApi);
        expected.put(Endpoint.pod("a pod named prometheus in another namespace", "elsewhere",
                Map.of("app.kubernetes.io/name", "prometheus")), gatewayApi);
        expected.put(Endpoint.pod("another pod of Prometheus' namespace", "monitoring",
                Map.of("app.kubernetes.io/name", "grafana")), gatewayApi);
        expected.put(prometheus, Stream.concat(gatewayApi.stream(), everyManagementPort.stream())
                .collect(Collectors.toSet()));

        expected.forEach((source, reachable) -> assertThat(suite.stream()
                .flatMap(pod -> Stream.of(API_PORT, MANAGEMENT_PORT)
                        .filter(port -> policies.allowsIngress(pod, source, port, "TCP"))
                        .map(port -> pod + ":" + port))
                .collect(Collectors.toSet()))
                .as("what %s may reach in %s", source, overlay)
                .isEqualTo(reachable));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theComponentsReachEachOtherAndTheirInfrastructureOnlyWhereTheyCallThem(String overlay) {
        NetworkPolicies policies = networkPolicies(overlay);
        List<Endpoint> suite = suite(render(overlay));

        Set<String> calls = new TreeSet<>();
        for (Endpoint from : suite) {
            for (Endpoint to : suite) {
                for (int port : List.of(API_PORT, MANAGEMENT_PORT)) {
                    if (policies.allows(from, to, port, "TCP")) {
                        calls.add(from + " -> " + to + ":" + port);
                    }
                }
            }
        }
        Set<String> expectedCalls = new TreeSet<>();
        // The gateway's routes and dead-letter overview; everyone's token checks against identity's key set.
        SERVICES.forEach(service -> expectedCalls.add(GATEWAY + " -> " + service + ":" + API_PORT));
        SERVICES.stream().filter(service -> !service.equals("identity-service"))
                .forEach(service -> expectedCalls.add(service + " -> identity-service:" + API_PORT));
        assertThat(calls).as("calls between the suite's pods in " + overlay).isEqualTo(expectedCalls);

        // Outside the suite: DNS for everyone, the store and the broker for the services, Redis for the gateway's
        // shared rate limits, the SMTP relay for notification-service; nothing else (no web, no management).
        Endpoint outside = Endpoint.outsideTheCluster();
        Map<String, Set<String>> reachable = new TreeMap<>();
        for (Endpoint pod : suite) {
            Set<String> ports = new TreeSet<>();
            for (int port : List.of(25, 53, 80, 443, 465, 587, 5672, 6379, 8080, 9080, 15672, 27017)) {
                if (policies.allowsEgress(pod, outside, port, "TCP")) {
                    ports.add(port + "/TCP");
                }
            }
            if (policies.allowsEgress(pod, outside, 53, "UDP")) {
                ports.add("53/UDP");
            }
            reachable.put(pod.name(), ports);
        }
        Set<String> dns = Set.of("53/TCP", "53/UDP");
        Set<String> storeAndBroker = Set.of("27017/TCP", "5672/TCP");
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put(GATEWAY, union(dns, Set.of("6379/TCP")));
        SERVICES.forEach(service -> expected.put(service, union(dns, storeAndBroker)));
        expected.put("notification-service", union(dns, storeAndBroker,
                Set.of("25/TCP", "465/TCP", "587/TCP", "443/TCP")));
        assertThat(reachable).as("ports each pod may reach outside the suite in " + overlay).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    @SuppressWarnings("unchecked")
    void webhookDeliveriesMayLeaveOnlyForPublicAddresses(String overlay) {
        Map<String, Object> policy = render(overlay).get("NetworkPolicy").stream()
                .filter(p -> name(p).equals("notification-service-to-webhook-endpoints")).findFirst().orElseThrow();
        Map<String, Object> rule = list(policy, "spec", "egress").getFirst();
        Map<String, Object> block = map(list(rule, "to").getFirst(), "ipBlock");

        assertThat(block.get("cidr")).isEqualTo("0.0.0.0/0");
        assertThat((List<Object>) block.get("except")).containsExactlyInAnyOrder("10.0.0.0/8", "172.16.0.0/12",
                "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8");
        assertThat(list(rule, "ports")).extracting(port -> port.get("port")).containsExactly(443);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void prometheusScrapesEveryPodUnderAJobThatServiceDownWatches(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, Object> podMonitor = manifests.get("PodMonitor").getFirst();
        assertThat(manifests.get("PodMonitor")).hasSize(1);
        String jobLabel = String.valueOf(at(podMonitor, "spec", "jobLabel"));
        Matcher serviceDown = Pattern.compile("job=~\"([^\"]+)\"").matcher(alert("ProvisioServiceDown"));
        assertThat(serviceDown.find()).as("ProvisioServiceDown's job matcher").isTrue();
        Set<String> scrapeJobs = list(yaml(SCRAPE_CONFIG), "scrape_configs").stream()
                .map(job -> String.valueOf(job.get("job_name"))).collect(Collectors.toSet());

        Set<String> jobs = new TreeSet<>();
        for (Map<String, Object> deployment : manifests.get("Deployment")) {
            Map<String, String> labels = strings(deployment, "spec", "template", "metadata", "labels");
            assertThat(NetworkPolicies.matches(map(podMonitor, "spec", "selector"), labels))
                    .as(name(deployment) + " selected by the PodMonitor").isTrue();
            assertThat(labels.get(jobLabel)).as(name(deployment) + "'s job").matches(serviceDown.group(1));
            jobs.add(labels.get(jobLabel));
            Map<String, Integer> ports = namedPorts(list(deployment, "spec", "template", "spec", "containers")
                    .getFirst());
            assertThat(list(podMonitor, "spec", "podMetricsEndpoints")).singleElement().satisfies(endpoint -> {
                assertThat(ports.get(String.valueOf(endpoint.get("port")))).isEqualTo(MANAGEMENT_PORT);
                assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
            });
        }
        assertThat(jobs).as("the job names of " + SCRAPE_CONFIG).isEqualTo(scrapeJobs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void thePrometheusRuleHoldsExactlyTheAlertRulesOfDeployPrometheus(String overlay) {
        List<Map<String, Object>> rules = render(overlay).get("PrometheusRule");

        assertThat(rules).singleElement().satisfies(rule -> assertThat(at(rule, "spec", "groups"))
                .as("the PrometheusRule's groups against %s: run deploy/k8s/generate-prometheusrule.sh", ALERTS)
                .isEqualTo(at(yaml(ALERTS), "groups")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void theDashboardConfigMapIsTheDashboardFile(String overlay) throws IOException {
        List<Map<String, Object>> dashboards = render(overlay).get("ConfigMap").stream()
                .filter(configMap -> strings(configMap, "metadata", "labels").containsKey("grafana_dashboard"))
                .toList();

        assertThat(dashboards).singleElement().satisfies(configMap -> assertThat(strings(configMap, "data"))
                .isEqualTo(Map.of("provisio-sagas.json", Files.readString(ROOT.resolve(DASHBOARD)))));
    }

    @Test
    void productionShipsNoSecretAndNamesEveryOneItNeedsInTheReadme() throws IOException {
        Manifests manifests = render("prod");
        String readme = Files.readString(ROOT.resolve(README));

        assertThat(manifests.get("Secret")).as("Secrets in the prod overlay").isEmpty();
        Set<String> secrets = references(manifests, "Secret");
        assertThat(secrets).as("Secrets the prod overlay's pods and KEDA read").isNotEmpty();
        assertThat(secrets).as("Secrets the prod overlay needs that %s does not name (in backquotes)", README)
                .filteredOn(secret -> !readme.contains("`" + secret + "`")).isEmpty();
        assertThat(references(manifests, "ConfigMap")).as("ConfigMaps the prod overlay's pods read")
                .isSubsetOf(names(manifests.get("ConfigMap")));
    }

    @Test
    void developmentShipsEveryObjectItsPodsNeedAndLabelsItsSecretsDemo() {
        Manifests manifests = render("dev");

        assertThat(manifests.get("Secret")).as("the dev overlay's Secrets, demo values all")
                .isNotEmpty()
                .allSatisfy(secret -> assertThat(strings(secret, "metadata", "labels"))
                        .containsEntry("provisio.io/demo", "true"));
        assertThat(references(manifests, "Secret")).isSubsetOf(names(manifests.get("Secret")));
        assertThat(references(manifests, "ConfigMap")).isSubsetOf(names(manifests.get("ConfigMap")));
    }

    /** The rendered objects of one overlay by kind. */
    private record Manifests(Map<String, List<Map<String, Object>>> byKind) {

        List<Map<String, Object>> get(String kind) {
            return byKind.getOrDefault(kind, List.of());
        }
    }

    /**
     * A durable consumer queue: {@code <destination>.<group>}, the group being the consuming application's name
     * unless its binding says otherwise.
     */
    private record BinderQueue(String destination, String group, String application) {

        String name() {
            return destination + "." + group;
        }
    }

    private static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KustomizeManifestsTest::renderNow);
    }

    private static Manifests renderNow(String overlay) {
        Path output = work.resolve(overlay + ".yaml");
        ExternalTool.Result result = KUBECTL.run(ROOT, work, Map.of(), "kustomize", "deploy/k8s/overlays/" + overlay,
                "--output", output.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, List<Map<String, Object>>> byKind = new TreeMap<>();
        try {
            for (Object document : new Yaml().loadAll(Files.readString(output))) {
                if (document instanceof Map<?, ?> object) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) object;
                    byKind.computeIfAbsent(String.valueOf(typed.get("kind")), kind -> new ArrayList<>()).add(typed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(byKind);
    }

    /**
     * Every durable queue the four services consume, by name, from their binder configuration: each input binding
     * of {@code spring.cloud.stream.bindings} in the service's application.yml, its group defaulting to
     * {@code spring.cloud.stream.default.group} of the platform's defaults. A binding whose group is only known at
     * run time (one queue per instance, e.g. {@code ${random.uuid}}) has no fixed queue to watch and is left out.
     */
    private static Map<String, BinderQueue> binderQueues() {
        Object defaultGroup = at(yaml(PLATFORM_DEFAULTS), "spring", "cloud", "stream", "default", "group");
        Map<String, BinderQueue> queues = new TreeMap<>();
        for (String service : SERVICES) {
            Map<String, Object> configuration = yaml(applicationYaml(service));
            String application = String.valueOf(at(configuration, "spring", "application", "name"));
            map(configuration, "spring", "cloud", "stream", "bindings").forEach((binding, properties) -> {
                if (!binding.matches(".+-in-\\d+")) {
                    return;
                }
                String destination = resolve(at(properties, "destination"), application);
                String group = resolve(Objects.requireNonNullElse(at(properties, "group"), defaultGroup), application);
                if (destination != null && group != null) {
                    BinderQueue queue = new BinderQueue(destination, group, application);
                    queues.put(queue.name(), queue);
                }
            });
        }
        assertThat(queues).as("durable queues in the services' binder configuration").isNotEmpty();
        return queues;
    }

    /**
     * A binder property as it resolves in production: {@code ${spring.application.name}} is the application,
     * {@code ${key:default}} its default (no messaging namespace is set there); null if anything is left that only
     * run time knows.
     */
    private static String resolve(Object value, String application) {
        if (value == null) {
            return null;
        }
        String resolved = String.valueOf(value).replace("${spring.application.name}", application)
                .replaceAll("\\$\\{[^}:]+:([^}]*)}", "$1");
        return resolved.contains("${") ? null : resolved;
    }

    /** spring.lifecycle.timeout-per-shutdown-phase of the component, in seconds (Boot's 30 s when not set). */
    private static int shutdownPhaseSeconds(String component) {
        Object phase = Stream.of(yaml(applicationYaml(component)), GATEWAY.equals(component) ? Map.of()
                        : yaml(PLATFORM_DEFAULTS))
                .map(configuration -> at(configuration, "spring", "lifecycle", "timeout-per-shutdown-phase"))
                .filter(Objects::nonNull).findFirst().orElse(null);
        if (phase == null) {
            return DEFAULT_SHUTDOWN_PHASE_SECONDS;
        }
        Matcher duration = Pattern.compile("(\\d+)(s|m)").matcher(String.valueOf(phase));
        assertThat(duration.matches()).as(component + "'s shutdown phase " + phase + ", in s or m").isTrue();
        return Integer.parseInt(duration.group(1)) * ("m".equals(duration.group(2)) ? 60 : 1);
    }

    private static NetworkPolicies networkPolicies(String overlay) {
        return new NetworkPolicies(render(overlay).get("NetworkPolicy"));
    }

    /** The suite's pods as their Deployments' templates describe them. */
    private static List<Endpoint> suite(Manifests manifests) {
        return manifests.get("Deployment").stream().map(deployment -> new Endpoint(name(deployment),
                String.valueOf(at(deployment, "metadata", "namespace")),
                strings(deployment, "spec", "template", "metadata", "labels"),
                namedPorts(list(deployment, "spec", "template", "spec", "containers").getFirst()))).toList();
    }

    /**
     * The names of the objects of {@code kind} (Secret or ConfigMap) that something must find: what the pods read
     * without {@code optional: true}, and the Secrets KEDA's TriggerAuthentications read.
     */
    private static Set<String> references(Manifests manifests, String kind) {
        String ref = "Secret".equals(kind) ? "secretRef" : "configMapRef";
        String keyRef = "Secret".equals(kind) ? "secretKeyRef" : "configMapKeyRef";
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> deployment : manifests.get("Deployment")) {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            for (Map<String, Object> container : list(pod, "containers")) {
                list(container, "envFrom").stream().map(source -> map(source, ref))
                        .filter(KustomizeManifestsTest::required)
                        .forEach(source -> names.add(String.valueOf(source.get("name"))));
                list(container, "env").stream().map(variable -> map(variable, "valueFrom", keyRef))
                        .filter(KustomizeManifestsTest::required)
                        .forEach(source -> names.add(String.valueOf(source.get("name"))));
            }
            for (Map<String, Object> volume : list(pod, "volumes")) {
                Map<String, Object> source = map(volume, "Secret".equals(kind) ? "secret" : "configMap");
                if (required(source)) {
                    names.add(String.valueOf(source.get("Secret".equals(kind) ? "secretName" : "name")));
                }
            }
        }
        if ("Secret".equals(kind)) {
            manifests.get("TriggerAuthentication").forEach(auth -> list(auth, "spec", "secretTargetRef")
                    .forEach(secret -> names.add(String.valueOf(secret.get("name")))));
        }
        return names;
    }

    private static boolean required(Map<String, Object> reference) {
        return !reference.isEmpty() && !Boolean.TRUE.equals(reference.get("optional"));
    }

    /** A probe as "port path", the port resolved from the container's named ports. */
    private static String probe(Map<String, Object> container, String kind, Map<String, Integer> ports) {
        Map<String, Object> httpGet = map(container, kind, "httpGet");
        Object port = httpGet.get("port");
        return (port instanceof Integer number ? number : ports.get(String.valueOf(port))) + " " + httpGet.get("path");
    }

    private static Map<String, Integer> namedPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new TreeMap<>();
        list(container, "ports").forEach(port -> ports.put(String.valueOf(port.get("name")),
                (Integer) port.get("containerPort")));
        return ports;
    }

    /** A security setting as the container runs with it: its own, else the pod's. */
    private static Object effective(Map<String, Object> pod, Map<String, Object> container, String setting) {
        Object own = at(container, "securityContext", setting);
        return own != null ? own : at(pod, "securityContext", setting);
    }

    private static String alert(String name) {
        return list(yaml(ALERTS), "groups").stream().flatMap(group -> list(group, "rules").stream())
                .filter(rule -> name.equals(rule.get("alert"))).map(rule -> String.valueOf(rule.get("expr")))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + ALERTS));
    }

    private static List<String> components() {
        return Stream.concat(Stream.of(GATEWAY), SERVICES.stream()).toList();
    }

    private static String applicationYaml(String component) {
        return component + "/src/main/resources/application.yml";
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(at(object, "metadata", "name"));
    }

    private static Set<String> names(List<Map<String, Object>> objects) {
        return objects.stream().map(KustomizeManifestsTest::name).collect(Collectors.toSet());
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Object> yaml(String relative) {
        return YamlTree.load(ROOT, relative);
    }
}
