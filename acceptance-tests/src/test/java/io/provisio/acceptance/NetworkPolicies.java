package io.provisio.acceptance;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rendered NetworkPolicy objects, asked what Kubernetes would let through: whether a connection from one endpoint
 * to another on a port passes the source's egress and the destination's ingress policies. Where a rule's reach
 * cannot be known from the manifests alone (an {@code ipBlock}), it is taken to match, so that an assertion that
 * something is unreachable errs towards failing.
 */
final class NetworkPolicies {

    /**
     * A pod, or an address outside the cluster ({@code namespace} null).
     *
     * @param ports the pod's named container ports, for rules that name a port
     */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {

        static Endpoint pod(String name, String namespace, Map<String, String> labels) {
            return new Endpoint(name, namespace, labels, Map.of());
        }

        static Endpoint outsideTheCluster() {
            return new Endpoint("an address outside the cluster", null, Map.of(), Map.of());
        }

        Map<String, String> namespaceLabels() {
            return namespace == null ? Map.of() : Map.of("kubernetes.io/metadata.name", namespace);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Map<String, Object>> policies;

    NetworkPolicies(List<Map<String, Object>> policies) {
        this.policies = List.copyOf(policies);
    }

    /** Whether some policy selects the pod for the direction, so that only what a rule allows passes. */
    boolean isolates(Endpoint pod, String direction) {
        return policies.stream().anyMatch(policy -> selects(policy, pod) && types(policy).contains(direction));
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return allowsEgress(from, to, port, protocol) && allowsIngress(to, from, port, protocol);
    }

    boolean allowsIngress(Endpoint to, Endpoint from, int port, String protocol) {
        return allowed(to, "Ingress", "ingress", "from", from, to, port, protocol);
    }

    boolean allowsEgress(Endpoint from, Endpoint to, int port, String protocol) {
        return allowed(from, "Egress", "egress", "to", to, to, port, protocol);
    }

    /**
     * Whether {@code selector} (a LabelSelector: matchLabels and matchExpressions, ANDed) matches {@code labels}.
     * An empty selector matches everything.
     */
    static boolean matches(Map<String, Object> selector, Map<String, String> labels) {
        Map<String, Object> matchLabels = YamlTree.map(selector, "matchLabels");
        for (Map.Entry<String, Object> label : matchLabels.entrySet()) {
            if (!Objects.equals(labels.get(label.getKey()), String.valueOf(label.getValue()))) {
                return false;
            }
        }
        for (Map<String, Object> expression : YamlTree.list(selector, "matchExpressions")) {
            String value = labels.get(String.valueOf(expression.get("key")));
            List<?> values = expression.get("values") instanceof List<?> list ? list : List.of();
            boolean match = switch (String.valueOf(expression.get("operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator in " + expression);
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }

    /** Traffic passes a pod's side unless a policy isolates it and none of those policies' rules allows it. */
    private boolean allowed(Endpoint pod, String type, String rulesKey, String peersKey, Endpoint peer,
                            Endpoint destination, int port, String protocol) {
        if (pod.namespace() == null || !isolates(pod, type)) {
            return true;
        }
        return policies.stream()
                .filter(policy -> selects(policy, pod) && types(policy).contains(type))
                .flatMap(policy -> YamlTree.list(policy, "spec", rulesKey).stream()
                        .filter(rule -> portMatches(rule, destination, port, protocol)
                                && peerMatches(rule, peersKey, peer, namespace(policy))))
                .findAny()
                .isPresent();
    }

    private static boolean selects(Map<String, Object> policy, Endpoint pod) {
        return Objects.equals(namespace(policy), pod.namespace())
                && matches(YamlTree.map(policy, "spec", "podSelector"), pod.labels());
    }

    /** Without policyTypes: Ingress, and Egress if the policy has egress rules (as the API server defaults it). */
    private static List<String> types(Map<String, Object> policy) {
        if (YamlTree.at(policy, "spec", "policyTypes") instanceof List<?> types) {
            return types.stream().map(String::valueOf).toList();
        }
        return YamlTree.at(policy, "spec", "egress") == null ? List.of("Ingress")
                : List.of("Ingress", "Egress");
    }

    private static String namespace(Map<String, Object> policy) {
        return (String) YamlTree.at(policy, "metadata", "namespace");
    }

    /** A rule without peers admits every peer; otherwise one of its peers must match. */
    private static boolean peerMatches(Map<String, Object> rule, String peersKey, Endpoint peer,
                                       String policyNamespace) {
        List<Map<String, Object>> peers = YamlTree.list(rule, peersKey);
        return peers.isEmpty() || peers.stream().anyMatch(candidate -> {
            if (candidate.containsKey("ipBlock")) {
                return true;
            }
            if (peer.namespace() == null) {
                return false;
            }
            boolean namespaceMatches = candidate.containsKey("namespaceSelector")
                    ? matches(YamlTree.map(candidate, "namespaceSelector"), peer.namespaceLabels())
                    : peer.namespace().equals(policyNamespace);
            return namespaceMatches && (!candidate.containsKey("podSelector")
                    || matches(YamlTree.map(candidate, "podSelector"), peer.labels()));
        });
    }

    /** A rule without ports admits every port; a named port is the destination's container port of that name. */
    private static boolean portMatches(Map<String, Object> rule, Endpoint destination, int port, String protocol) {
        List<Map<String, Object>> ports = YamlTree.list(rule, "ports");
        return ports.isEmpty() || ports.stream().anyMatch(candidate -> {
            if (!protocol.equals(String.valueOf(candidate.getOrDefault("protocol", "TCP")))) {
                return false;
            }
            Object value = candidate.get("port");
            if (value == null) {
                return true;
            }
            Integer first = value instanceof Integer number ? number : destination.ports().get(String.valueOf(value));
            int last = candidate.get("endPort") instanceof Integer end ? end : Objects.requireNonNullElse(first, -1);
            return first != null && first <= port && port <= last;
        });
    }
}
