package omnichannel.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import omnichannel.events.Topics;
import omnichannel.system.ServiceProcess;

/**
 * Renders every overlay of deploy/ and checks what ops teams rely on: every service with probes, limits and a
 * locked-down security context, every Kafka topic of architecture.md, no secret value anywhere, the images the build
 * makes, only the paths people, providers and 4biz call exposed, and in production the replicas, budgets, autoscalers and spreading.
 */
class ManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("omnichannel.root", "..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("config-service", "webhook-gateway", "ticket-bridge",
            "channel-whatsapp", "channel-twitter");
    static final KubernetesSerialization MODEL = new KubernetesSerialization();

    static List<Map<String, Object>> rendered(String overlay) {
        Path dir = ROOT.resolve("deploy/overlays/" + overlay);
        List<Map<String, Object>> kubectl = Kustomize.withKubectl(dir);
        return kubectl != null ? kubectl : Kustomize.render(dir);
    }

    static <T> List<T> all(List<Map<String, Object>> objects, String kind, Class<T> type) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).map(o -> MODEL.convertValue(o, type)).toList();
    }

    static Deployment deployment(List<Map<String, Object>> objects, String name) {
        return all(objects, "Deployment", Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void kubectlAndTheBuildsOwnRendererAgree(String overlay) {
        Path dir = ROOT.resolve("deploy/overlays/" + overlay);
        List<Map<String, Object>> kubectl = Kustomize.withKubectl(dir);
        assumeTrue(kubectl != null, "kubectl is not installed here; the build's renderer is used alone");

        assertThat(byId(Kustomize.render(dir))).isEqualTo(byId(kubectl));
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        return objects.stream().collect(Collectors.toMap(
                o -> o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name"), o -> o, (a, b) -> a,
                TreeMap::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceHasProbesLimitsAndALockedDownSecurityContext(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        for (String service : SERVICES) {
            Deployment deployment = deployment(objects, service);
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getAutomountServiceAccountToken()).as(service).isFalse();
            Container container = pod.getContainers().get(0);
            assertThat(container.getStartupProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/started");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(service).isEqualTo("/q/health/ready");
            assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service).containsKeys("cpu", "memory");
            var security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(security.getPrivileged()).as(service).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(service).containsExactly("ALL");
            assertThat(container.getEnv()).extracting(EnvVar::getName).as(service).contains("KAFKA_BOOTSTRAP_SERVERS",
                    "OMNICHANNEL_PUBLIC_BASE_URL");
            assertThat(objects).as("Service " + service).anyMatch(o -> "Service".equals(o.get("kind"))
                    && service.equals(((Map<?, ?>) o.get("metadata")).get("name")));
        }
    }

    /** The settings P5 was measured with (bench/, ./run-local.sh) are the ones the pods run with. */
    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceRunsWithTheJvmSettingsTheBenchmarksMeasured(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        for (String service : SERVICES) {
            List<EnvVar> env = deployment(objects, service).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getEnv();
            Map<String, String> values = env.stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
            assertThat(List.of(values.getOrDefault("JAVA_OPTS_APPEND", "").split(" "))).as(service)
                    .containsAll(ServiceProcess.jvmOptions(service));
            assertThat(values).as(service).containsAllEntriesOf(ServiceProcess.NATIVE_ENVIRONMENT);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyTopicOfTheArchitectureIsDeclaredAndTheInteractionsTopicIsCompacted(String overlay) {
        List<GenericKubernetesResource> topics = all(rendered(overlay), "KafkaTopic", GenericKubernetesResource.class);
        Map<String, Map<String, Object>> byName = topics.stream().collect(Collectors.toMap(
                t -> (String) cast(t.getAdditionalProperties().get("spec")).get("topicName"),
                t -> cast(t.getAdditionalProperties().get("spec"))));
        List<String> architecture = List.of(Topics.INBOUND, Topics.OUTBOUND_WHATSAPP, Topics.OUTBOUND_TWITTER,
                Topics.DELIVERY, Topics.WHATSAPP_STATUS, Topics.INTERACTIONS, Topics.deadLetter(Topics.INBOUND),
                Topics.deadLetter(Topics.OUTBOUND_WHATSAPP), Topics.deadLetter(Topics.OUTBOUND_TWITTER),
                Topics.deadLetter(Topics.DELIVERY), Topics.deadLetter(Topics.WHATSAPP_STATUS));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(architecture);
        assertThat(cast(byName.get(Topics.INTERACTIONS).get("config"))).containsEntry("cleanup.policy", "compact");
        int replicas = "production".equals(overlay) ? 3 : 1;
        byName.values().forEach(spec -> assertThat(spec.get("replicas")).isEqualTo(replicas));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void noManifestCarriesASecretValue(String overlay) throws Exception {
        List<Map<String, Object>> objects = rendered(overlay);
        assertThat(objects).noneMatch(o -> "Secret".equals(o.get("kind")));
        for (Deployment deployment : all(objects, "Deployment", Deployment.class)) {
            for (EnvVar env : deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
                // a variable naming a credential comes from a Secret (OIDC_TOKEN_URL is an address, not a token)
                if (env.getName().matches(".*(PASSWORD|TOKEN|SECRET|KEYSET|USERNAME|CLIENT_ID).*")
                        && !env.getName().endsWith("_URL")) {
                    assertThat(env.getValue()).as(env.getName()).isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
                }
            }
        }
        String text = objects.toString();
        String devKeyset = Files.readString(ROOT.resolve("running-system/src/main/resources/local-dev-secrets-keyset.json"));
        Matcher keyValue = Pattern.compile("\"value\":\"([^\"]+)\"").matcher(devKeyset);
        assertThat(keyValue.find()).isTrue();
        assertThat(text).doesNotContain(keyValue.group(1)).doesNotContain("local-only-4biz-password")
                .doesNotContain("local-demo-auth-token-not-a-secret").doesNotContain("not-a-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theImagesAreTheOnesTheBuildMakes(String overlay) throws Exception {
        List<Map<String, Object>> objects = rendered(overlay);
        List<String> modules = "local".equals(overlay)
                ? java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of("simulators")).toList()
                : SERVICES;
        for (String module : modules) {
            assertThat(deployment(objects, module).getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo(image(module));
        }
        assertThat(all(objects, "Deployment", Deployment.class)).hasSize(modules.size());
    }

    /** The image the module's build makes: registry/group/name from its properties, tagged with the version. */
    static String image(String module) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(ROOT.resolve(module + "/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String name = properties.getProperty("quarkus.container-image.name")
                .replace("${quarkus.application.name}", properties.getProperty("quarkus.application.name"));
        Matcher version = Pattern.compile("<artifactId>omnichannel-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(version.find()).isTrue();
        return properties.getProperty("quarkus.container-image.registry") + "/"
                + properties.getProperty("quarkus.container-image.group") + "/" + name + ":" + version.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void onlyWhatPeopleProvidersAnd4bizCallIsExposedAndEveryPodIsBehindADefaultDeny(String overlay) {
        List<Map<String, Object>> objects = rendered(overlay);
        // exactly these (service, path prefix) pairs: never the internal API, /q (metrics, health), the bridge's admin
        // APIs (identities, privacy, media) or a channel service
        java.util.Set<String> exposed = new java.util.TreeSet<>();
        for (Ingress ingress : all(objects, "Ingress", Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> exposed.add(
                    path.getBackend().getService().getName() + " " + path.getPath())));
        }
        assertThat(exposed).containsExactlyInAnyOrder("webhook-gateway /webhooks", "webhook-gateway /media",
                "ticket-bridge /api/v1/tickets", "config-service /console", "config-service /api/v1");
        for (Service service : all(objects, "Service", Service.class)) {
            assertThat(service.getSpec().getType()).as(service.getMetadata().getName()).isIn(null, "ClusterIP");
        }
        assertThat(objects).anyMatch(o -> "NetworkPolicy".equals(o.get("kind"))
                && "default-deny".equals(((Map<?, ?>) o.get("metadata")).get("name")));
    }

    @org.junit.jupiter.api.Test
    void productionRunsSeveralSpreadReplicasWithBudgetsAndAutoscalers() {
        List<Map<String, Object>> objects = rendered("production");
        for (String service : SERVICES) {
            Deployment deployment = deployment(objects, service);
            assertThat(deployment.getSpec().getReplicas()).as(service).isGreaterThanOrEqualTo(2);
            assertThat(deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()).as(service)
                    .isNotNull();
            assertThat(objects).as("PodDisruptionBudget " + service).anyMatch(o -> "PodDisruptionBudget".equals(
                    o.get("kind")) && service.equals(((Map<?, ?>) o.get("metadata")).get("name")));
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .extracting(EnvVar::getName).contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED");
        }
        assertThat(objects.stream().filter(o -> "HorizontalPodAutoscaler".equals(o.get("kind")))
                .map(o -> (String) ((Map<?, ?>) o.get("metadata")).get("name"))).containsExactlyInAnyOrder("webhook-gateway",
                        "ticket-bridge");
        assertThat(objects).allMatch(o -> "omnichannel".equals(((Map<?, ?>) o.get("metadata")).get("namespace")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    @SuppressWarnings("unchecked")
    void alertsAndTheDashboardWatchMetricsTheServicesRegister(String overlay) throws Exception {
        List<Map<String, Object>> objects = rendered(overlay);
        GenericKubernetesResource rule = all(objects, "PrometheusRule", GenericKubernetesResource.class).stream()
                .findFirst().orElseThrow(() -> new AssertionError("no PrometheusRule"));
        List<Map<String, Object>> rules = ((List<Map<String, Object>>) cast(
                ((List<Object>) cast(rule.getAdditionalProperties().get("spec")).get("groups")).get(0)).get("rules"));
        assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrder("OmnichannelDeadLetters",
                "OmnichannelConsumerLag", "OmnichannelConversationsRetrying", "OmnichannelBreakerOpen",
                "OmnichannelSignatureFailures", "OmnichannelNotReady", "OmnichannelFourBizCapabilityAbsent",
                "OmnichannelXConnectionLost");
        assertThat(rules).allSatisfy(r -> assertThat(r).containsKeys("expr", "for", "labels", "annotations"));

        io.fabric8.kubernetes.api.model.ConfigMap dashboard = all(objects, "ConfigMap",
                io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("omnichannel-dashboard")).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard ConfigMap"));
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dashboard.getData().get("omnichannel-delivery.json"));
        List<String> expressions = new java.util.ArrayList<>();
        rules.forEach(r -> expressions.add((String) r.get("expr")));
        json.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertThat(json.path("panels")).hasSizeGreaterThanOrEqualTo(6);

        // every omnichannel_* metric watched is one a service registers (Micrometer's dotted name)
        String sources;
        try (var files = java.nio.file.Files.walk(ROOT)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .map(f -> {
                        try {
                            return java.nio.file.Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).collect(Collectors.joining("\n"));
        }
        java.util.regex.Matcher metric = java.util.regex.Pattern.compile("omnichannel_[a-z_]+")
                .matcher(String.join(" ", expressions));
        int checked = 0;
        while (metric.find()) {
            String dotted = metric.group().replaceAll("_total$", "").replace('_', '.');
            assertThat(sources).as("a service registers " + dotted).contains("\"" + dotted + "\"");
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }
}
