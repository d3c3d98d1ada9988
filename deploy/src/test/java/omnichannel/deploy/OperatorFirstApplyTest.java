package omnichannel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * An operator's first apply, rehearsed: the Secrets block of docs/operations.md is run as written by bash, with {@code kubectl}
 * recording each {@code create secret} instead of calling a cluster (a client-side dry run), then the production
 * overlay is rendered and every Secret and ConfigMap key a pod references must be one those commands or the overlay
 * define (optional references excepted).
 */
class OperatorFirstApplyTest {

    @Test
    void everySecretAndConfigMapKeyAPodReferencesIsDefinedByTheReadmesCommandsOrTheOverlay() throws Exception {
        Map<String, Set<String>> secrets = secretsTheReadmeCreates();
        assertThat(secrets).as("Secrets the commands of docs/operations.md create").isNotEmpty();
        List<Map<String, Object>> objects = ManifestsTest.rendered("production");
        Map<String, Set<String>> configMaps = new TreeMap<>();
        ManifestsTest.all(objects, "ConfigMap", ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(),
                c.getData() == null ? Set.of() : c.getData().keySet()));

        List<String> missing = new ArrayList<>();
        int references = 0;
        for (Deployment deployment : ManifestsTest.all(objects, "Deployment", Deployment.class)) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container container : containers) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var secret = env.getValueFrom().getSecretKeyRef();
                    if (secret != null && !Boolean.TRUE.equals(secret.getOptional())) {
                        references++;
                        if (!secrets.getOrDefault(secret.getName(), Set.of()).contains(secret.getKey())) {
                            missing.add(deployment.getMetadata().getName() + " " + env.getName() + ": Secret "
                                    + secret.getName() + " key " + secret.getKey());
                        }
                    }
                    var config = env.getValueFrom().getConfigMapKeyRef();
                    if (config != null && !Boolean.TRUE.equals(config.getOptional())) {
                        references++;
                        if (!configMaps.getOrDefault(config.getName(), Set.of()).contains(config.getKey())) {
                            missing.add(deployment.getMetadata().getName() + " " + env.getName() + ": ConfigMap "
                                    + config.getName() + " key " + config.getKey());
                        }
                    }
                }
            }
        }
        assertThat(references).as("references checked").isGreaterThan(20);
        assertThat(missing).as("keys a pod needs that the commands of docs/operations.md and the overlay do not define")
                .isEmpty();
    }

    /** Runs the Secrets block of docs/operations.md with a recording kubectl: Secret name to its keys. */
    static Map<String, Set<String>> secretsTheReadmeCreates() throws Exception {
        String readme = Files.readString(ManifestsTest.ROOT.resolve("docs/operations.md"));
        int section = readme.indexOf("**Secrets**");
        assertThat(section).as("the Secrets paragraph of docs/operations.md").isPositive();
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));

        Path dir = Files.createTempDirectory("first-apply");
        Path keyset = dir.resolve("keyset.sh");
        Files.writeString(keyset, "#!/usr/bin/env bash\necho '{\"primaryKeyId\":1}'\n");
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rwx------"));
        Path calls = dir.resolve("kubectl-calls");
        String script = """
                set -euo pipefail
                kubectl() { printf '%%s\\0' "$@" >> %s; printf '\\n' >> %s; }
                openssl() { echo not-a-real-secret; }
                shred() { rm -f "${@: -1}"; }
                %s
                """.formatted(calls, calls, block);
        Process bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS) && bash.exitValue() == 0).as(output).isTrue();

        Map<String, Set<String>> secrets = new TreeMap<>();
        for (String line : Files.readString(calls).split("\n")) {
            List<String> args = List.of(line.split("\0"));
            int create = args.indexOf("create");
            if (create < 0 || args.size() < create + 4 || !args.get(create + 1).equals("secret")) {
                continue;
            }
            Set<String> keys = secrets.computeIfAbsent(args.get(create + 3), name -> new TreeSet<>());
            for (String arg : args) {
                if (arg.startsWith("--from-literal=")) {
                    String pair = arg.substring("--from-literal=".length());
                    keys.add(pair.substring(0, pair.indexOf('=')));
                } else if (arg.startsWith("--from-file=")) {
                    String source = arg.substring("--from-file=".length());
                    keys.add(source.contains("=")
                            ? source.substring(0, source.indexOf('='))
                            : Path.of(source).getFileName().toString());
                }
            }
        }
        return secrets;
    }
}
