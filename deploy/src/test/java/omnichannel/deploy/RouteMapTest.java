package omnichannel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Reads the manifests as a cluster applies them: every flow of {@code deploy/route-map.yaml} must travel, through an
 * Ingress rule where it enters from outside, the caller's egress policies and the callee's ingress policies (every
 * NetworkPolicy that selects a pod counts: a pod selected by one is isolated and takes only what some selecting policy
 * allows) and the Service that maps the port.
 */
class RouteMapTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Where a flow starts or ends: a pod (labels, namespace and its labels, port) or an address outside. */
    record Endpoint(String name, Map<String, String> labels, String namespace, Map<String, String> namespaceLabels,
            int port, String portName, InetAddress address) {

        boolean pod() {
            return address == null;
        }
    }

    /** A checked flow's failure, in words. */
    record Blocked(String flow, String why) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyFlowOfTheRouteMapIsAllowedEndToEnd(String overlay) throws IOException {
        List<Map<String, Object>> objects = ManifestsTest.rendered(overlay);
        String namespace = objects.stream().filter(o -> "Deployment".equals(o.get("kind")))
                .map(o -> (String) ((Map<?, ?>) o.get("metadata")).get("namespace")).filter(Objects::nonNull)
                .findFirst().orElse("default");
        List<NetworkPolicy> policies = ManifestsTest.all(objects, "NetworkPolicy", NetworkPolicy.class);
        List<Ingress> ingresses = ManifestsTest.all(objects, "Ingress", Ingress.class);
        List<Service> services = ManifestsTest.all(objects, "Service", Service.class);
        List<Deployment> deployments = ManifestsTest.all(objects, "Deployment", Deployment.class);
        JsonNode map = YAML.readTree(Files.readString(ManifestsTest.ROOT.resolve("deploy/route-map.yaml")));

        List<Blocked> blocked = new ArrayList<>();
        int checked = 0;
        for (JsonNode flow : map.path("flows")) {
            checked++;
            String from = flow.path("from").asText();
            String to = flow.path("to").asText();
            String name = flow.path("name").asText(from + " -> " + to);
            Endpoint callee = endpoint(to, namespace, deployments);
            if (flow.has("ingress")) {
                String why = throughIngress(flow, callee, ingresses, services, deployments, overlay);
                if (why == null) {
                    why = allows(policies, namespace, callee, endpoint("ingress", namespace, deployments), true);
                }
                if (why != null) {
                    blocked.add(new Blocked(name, why));
                }
                continue;
            }
            Endpoint caller = endpoint(from, namespace, deployments);
            String why = caller.pod() && caller.namespace().equals(namespace)
                    ? allows(policies, namespace, caller, callee, false)
                    : null;
            if (why == null && callee.pod() && callee.namespace().equals(namespace) && !operated(to)) {
                why = allows(policies, namespace, callee, caller, true);
            }
            if (why == null && callee.pod() && services.stream().map(s -> s.getMetadata().getName()).anyMatch(
                    to::equals)) {
                why = serviceReaches(services, to, callee);
            }
            if (why != null) {
                blocked.add(new Blocked(name, why));
            }
        }
        assertThat(checked).as("flows in the route map").isGreaterThan(40);
        assertThat(blocked).as("flows the " + overlay + " manifests block").isEmpty();
    }

    /** Kafka's and PostgreSQL's ingress is their operators' (Strimzi, CloudNativePG), not in our manifests. */
    private static boolean operated(String endpoint) {
        return endpoint.equals("kafka") || endpoint.equals("postgres") || endpoint.equals("dns");
    }

    static Endpoint endpoint(String name, String namespace, List<Deployment> deployments) {
        Map<String, String> ours = Map.of("kubernetes.io/metadata.name", namespace);
        return switch (name) {
            case "kafka" -> new Endpoint(name, Map.of("strimzi.io/cluster", "omnichannel-kafka",
                    "strimzi.io/kind", "Kafka"), namespace, ours, 9092, null, null);
            case "postgres" -> new Endpoint(name, Map.of("cnpg.io/cluster", "omnichannel-db"), namespace, ours, 5432,
                    null, null);
            case "dns" -> new Endpoint(name, Map.of("k8s-app", "kube-dns"), "kube-system",
                    Map.of("kubernetes.io/metadata.name", "kube-system"), 53, null, null);
            case "prometheus" -> new Endpoint(name, Map.of("app.kubernetes.io/name", "prometheus"), "monitoring",
                    Map.of("kubernetes.io/metadata.name", "monitoring"), 9090, null, null);
            case "ingress" -> new Endpoint(name, Map.of("app.kubernetes.io/name", "ingress-nginx"), "ingress-nginx",
                    Map.of("kubernetes.io/metadata.name", "ingress-nginx"), 443, null, null);
            case "outside", "internet", "fourbiz", "people" -> new Endpoint(name, Map.of(), null, Map.of(), 443, null,
                    address("203.0.113.10"));
            default -> {
                Deployment deployment = deployments.stream().filter(d -> d.getMetadata().getName().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError("the route map names " + name
                                + ", which no Deployment is"));
                var port = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0);
                yield new Endpoint(name, deployment.getSpec().getTemplate().getMetadata().getLabels(), namespace, ours,
                        port.getContainerPort(), port.getName(), null);
            }
        };
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when an Ingress rule of the named Ingress routes the path to the callee's Service and port; else why not. */
    private static String throughIngress(JsonNode flow, Endpoint callee, List<Ingress> ingresses, List<Service> services,
            List<Deployment> deployments, String overlay) {
        String ingressName = flow.path("ingress").asText();
        String path = flow.path("path").asText();
        Ingress ingress = ingresses.stream().filter(i -> i.getMetadata().getName().equals(ingressName)).findFirst()
                .orElse(null);
        if (ingress == null) {
            return "no Ingress " + ingressName;
        }
        for (IngressRule rule : ingress.getSpec().getRules()) {
            if (rule.getHttp() == null) {
                continue;
            }
            for (HTTPIngressPath candidate : rule.getHttp().getPaths()) {
                if (!pathMatches(candidate, path)) {
                    continue;
                }
                var backend = candidate.getBackend().getService();
                if (backend == null || !backend.getName().equals(callee.name())) {
                    return "Ingress " + ingressName + " sends " + path + " to " + (backend == null
                            ? "no Service"
                            : backend.getName());
                }
                Service service = services.stream().filter(s -> s.getMetadata().getName().equals(backend.getName()))
                        .findFirst().orElse(null);
                if (service == null) {
                    return "no Service " + backend.getName();
                }
                ServicePort port = service.getSpec().getPorts().stream()
                        .filter(p -> backend.getPort().getName() != null
                                ? backend.getPort().getName().equals(p.getName())
                                : backend.getPort().getNumber().equals(p.getPort()))
                        .findFirst().orElse(null);
                if (port == null || !targets(port.getTargetPort(), callee)) {
                    return "Service " + service.getMetadata().getName() + " has no port " + backend.getPort()
                            + " reaching the pod's " + callee.port();
                }
                boolean tls = ingress.getSpec().getTls() != null && ingress.getSpec().getTls().stream()
                        .anyMatch(t -> t.getHosts() != null && t.getHosts().contains(rule.getHost()));
                if (overlay.equals("production") && !tls) {
                    return "Ingress " + ingressName + " serves " + rule.getHost() + " without TLS";
                }
                return null;
            }
        }
        return "Ingress " + ingressName + " has no rule for " + path;
    }

    private static boolean pathMatches(HTTPIngressPath candidate, String path) {
        String prefix = candidate.getPath() == null ? "/" : candidate.getPath();
        if ("Exact".equals(candidate.getPathType())) {
            return prefix.equals(path);
        }
        String trimmed = prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.equals("/") || path.equals(trimmed) || path.startsWith(trimmed + "/");
    }

    private static String serviceReaches(List<Service> services, String name, Endpoint callee) {
        Service service = services.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
        return service.getSpec().getPorts().stream().anyMatch(p -> targets(p.getTargetPort(), callee))
                ? null
                : "Service " + name + " has no port reaching the pod's " + callee.port();
    }

    private static boolean targets(IntOrString target, Endpoint pod) {
        if (target == null) {
            return false;
        }
        return target.getStrVal() != null
                ? target.getStrVal().equals(pod.portName())
                : target.getIntVal() == pod.port();
    }

    /**
     * Null when the policies that select {@code pod} let it talk to {@code peer} (egress: {@code pod} calls
     * {@code peer} on the peer's port; ingress: {@code peer} calls {@code pod} on the pod's port); else why not.
     */
    static String allows(List<NetworkPolicy> policies, String namespace, Endpoint pod, Endpoint peer, boolean ingress) {
        String type = ingress ? "Ingress" : "Egress";
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), pod.labels()))
                .filter(p -> p.getSpec().getPolicyTypes() != null
                        ? p.getSpec().getPolicyTypes().contains(type)
                        : ingress || p.getSpec().getEgress() != null)
                .toList();
        if (selecting.isEmpty()) {
            return null; // not isolated
        }
        Endpoint target = ingress ? pod : peer;
        for (NetworkPolicy policy : selecting) {
            if (ingress) {
                for (var rule : Objects.requireNonNullElse(policy.getSpec().getIngress(),
                        List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of())) {
                    if (peers(rule.getFrom(), peer, namespace) && ports(rule.getPorts(), target)) {
                        return null;
                    }
                }
            } else {
                for (var rule : Objects.requireNonNullElse(policy.getSpec().getEgress(),
                        List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of())) {
                    if (peers(rule.getTo(), peer, namespace) && ports(rule.getPorts(), target)) {
                        return null;
                    }
                }
            }
        }
        return "no " + type.toLowerCase() + " rule of " + selecting.stream().map(p -> p.getMetadata().getName())
                .toList() + " lets "
                + (ingress
                        ? peer.name() + " reach " + pod.name()
                        : pod.name() + " reach "
                                + peer.name())
                + " on " + target.port();
    }

    private static boolean peers(List<NetworkPolicyPeer> peers, Endpoint other, String namespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                if (!other.pod() && inCidr(other.address(), peer.getIpBlock().getCidr())
                        && Objects.requireNonNullElse(peer.getIpBlock().getExcept(), List.<String>of()).stream()
                                .noneMatch(except -> inCidr(other.address(), except))) {
                    return true;
                }
                continue;
            }
            if (!other.pod()) {
                continue;
            }
            boolean namespaceMatches = peer.getNamespaceSelector() == null
                    ? namespace.equals(other.namespace())
                    : selects(peer.getNamespaceSelector(), other.namespaceLabels());
            boolean podMatches = peer.getPodSelector() == null || selects(peer.getPodSelector(), other.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean ports(List<NetworkPolicyPort> ports, Endpoint target) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> p.getPort() == null || (p.getPort().getStrVal() != null
                ? p.getPort().getStrVal().equals(target.portName())
                : p.getPort().getIntVal() == target.port()));
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement r : Objects.requireNonNullElse(selector.getMatchExpressions(),
                List.<LabelSelectorRequirement>of())) {
            String value = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(InetAddress address, String cidr) {
        String[] parts = cidr.split("/");
        byte[] network = address(parts[0]).getAddress();
        byte[] ip = address.getAddress();
        if (network.length != ip.length) {
            return false;
        }
        int bits = Integer.parseInt(parts[1]);
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((network[i / 8] & mask) != (ip[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
