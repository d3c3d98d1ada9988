package omnichannel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders a kustomization: with {@code kubectl kustomize} where kubectl is installed, and with this class's own
 * renderer of the subset deploy/ uses (resources, namespace, strategic-merge patches by kind and name, JSON 6902
 * patches on targets by kind and name pattern) where it is not, so the build checks the manifests on any machine.
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Kustomize() {
    }

    /** kubectl's rendering, or null when kubectl is not installed. */
    static List<Map<String, Object>> withKubectl(Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
            }
            return documents(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null; // no kubectl here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This class's rendering. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path dir) {
        Map<String, Object> kustomization = documents(read(dir.resolve("kustomization.yaml"))).get(0);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = dir.resolve((String) resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : documents(read(path)));
        }
        for (Object entry : list(kustomization.get("patches"))) {
            Map<String, Object> patch = (Map<String, Object>) entry;
            String text = patch.containsKey("path")
                    ? read(dir.resolve((String) patch.get("path")))
                    : (String) patch.get("patch");
            Map<String, Object> target = (Map<String, Object>) patch.get("target");
            if (text.stripLeading().startsWith("- ")) {
                List<Map<String, Object>> operations = parse(text, new TypeReference<>() {
                });
                objects.stream().filter(o -> matches(o, target)).forEach(o -> operations.forEach(op -> apply(o, op)));
            } else {
                for (Map<String, Object> merge : documents(text)) {
                    objects.stream().filter(o -> sameObject(o, merge) && matches(o, target))
                            .forEach(o -> mergeInto(o, merge));
                }
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.forEach(o -> ((Map<String, Object>) o.get("metadata")).put("namespace", namespace));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static boolean matches(Map<String, Object> object, Map<String, Object> target) {
        if (target == null) {
            return true;
        }
        Map<String, Object> metadata = (Map<String, Object>) object.get("metadata");
        return (target.get("kind") == null || target.get("kind").equals(object.get("kind")))
                && (target.get("name") == null || ((String) metadata.get("name")).matches((String) target.get("name")));
    }

    @SuppressWarnings("unchecked")
    private static boolean sameObject(Map<String, Object> object, Map<String, Object> patch) {
        return Objects.equals(object.get("kind"), patch.get("kind"))
                && Objects.equals(((Map<String, Object>) object.get("metadata")).get("name"),
                        ((Map<String, Object>) patch.get("metadata")).get("name"));
    }

    /** Strategic merge as deploy/ needs it: maps merge deeply, lists of named items merge by name, others replace. */
    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> base, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            Object current = base.get(key);
            if (current instanceof Map && value instanceof Map) {
                mergeInto((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (current instanceof List<?> currentList && value instanceof List<?> patchList && named(currentList)
                    && named(patchList)) {
                for (Object item : patchList) {
                    Map<String, Object> named = (Map<String, Object>) item;
                    Map<String, Object> existing = (Map<String, Object>) currentList.stream()
                            .filter(c -> Objects.equals(((Map<String, Object>) c).get("name"), named.get("name")))
                            .findFirst().orElse(null);
                    if (existing == null) {
                        ((List<Object>) currentList).add(named);
                    } else {
                        mergeInto(existing, named);
                    }
                }
            } else {
                base.put(key, value);
            }
        });
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("name"));
    }

    /** One JSON 6902 operation: add, replace or remove. */
    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> object, Map<String, Object> operation) {
        String[] path = ((String) operation.get("path")).substring(1).split("/");
        Object parent = object;
        for (int i = 0; i < path.length - 1; i++) {
            parent = child(parent, unescape(path[i]));
        }
        String last = unescape(path[path.length - 1]);
        String op = (String) operation.get("op");
        if (parent instanceof Map<?, ?> map) {
            if ("remove".equals(op)) {
                ((Map<String, Object>) map).remove(last);
            } else {
                ((Map<String, Object>) map).put(last, operation.get("value"));
            }
        } else {
            List<Object> list = (List<Object>) parent;
            int index = last.equals("-") ? list.size() : Integer.parseInt(last);
            switch (op) {
                case "remove" -> list.remove(index);
                case "add" -> list.add(index, operation.get("value"));
                default -> list.set(index, operation.get("value"));
            }
        }
    }

    private static Object child(Object parent, String key) {
        Object child = parent instanceof Map<?, ?> map ? map.get(key) : ((List<?>) parent).get(Integer.parseInt(key));
        if (child == null) {
            throw new IllegalStateException("no " + key + " on the patch's path");
        }
        return child;
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = YAML.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
        }).readValues(yaml)) {
            for (Iterator<Map<String, Object>> i = it; i.hasNext();) {
                Map<String, Object> document = i.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static <T> T parse(String yaml, TypeReference<T> type) {
        try {
            return YAML.readValue(yaml, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
