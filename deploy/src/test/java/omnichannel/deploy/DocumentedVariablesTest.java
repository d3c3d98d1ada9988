package omnichannel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import omnichannel.events.Topics;

/**
 * The docs against the code: every variable docs/configuration.md names is one a service reads, every variable a
 * service reads is documented there, the README's ports are the services' ports, and every topic name the docs use is
 * one {@link Topics} spells. What a service reads: the {@code ${VAR}}s of its {@code application.properties} and the
 * environment names of its {@code @ConfigProperty}s and {@code @ConfigMapping} leaves (read from their sources: nested interfaces,
 * {@code @WithName}).
 */
class DocumentedVariablesTest {

    static final List<String> SERVICES = List.of("platform", "config-service", "webhook-gateway", "ticket-bridge",
            "channel-whatsapp", "channel-twitter");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");
    private static final Pattern DOCUMENTED = Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`");
    private static final Pattern MAPPING = Pattern
            .compile("@ConfigMapping\\(prefix = \"([^\"]+)\"\\)\\s*public interface (\\w+)");
    private static final Pattern INTERFACE = Pattern.compile("interface (\\w+)\\s*\\{");
    private static final Pattern METHOD = Pattern.compile(
            "((?:@With\\w+\\((?:[^()]|\\([^()]*\\))*\\)\\s*)*)([\\w.<>, ]+?)\\s+(\\w+)\\(\\);");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name = \"([^\"]+)\"");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");

    @Test
    void everyDocumentedVariableIsReadAndEveryReadVariableIsDocumented() throws IOException {
        Set<String> read = new TreeSet<>();
        Set<String> assigned = new TreeSet<>();
        for (String service : SERVICES) {
            read.addAll(references(Files.readString(properties(service))));
            assigned.addAll(keys(properties(service)));
        }
        for (String service : SERVICES) {
            try (Stream<Path> sources = Files.walk(ManifestsTest.ROOT.resolve(service + "/src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(source);
                    // a leaf the properties assign from a variable of its own is read under that variable's name
                    mappingProperties(code).stream().filter(property -> !assigned.contains(property))
                            .map(DocumentedVariablesTest::environmentName).forEach(read::add);
                    Matcher property = CONFIG_PROPERTY.matcher(code);
                    while (property.find()) {
                        read.add(environmentName(property.group(1)));
                    }
                }
            }
        }
        Set<String> propertyKeys = new TreeSet<>();
        assigned.stream().map(DocumentedVariablesTest::environmentName).forEach(propertyKeys::add);
        Set<String> documented = documented(Files.readString(ManifestsTest.ROOT.resolve("docs/configuration.md")));

        Set<String> unread = new TreeSet<>(documented);
        unread.removeAll(read);
        // Quarkus's own settings: read by Quarkus from the environment whether or not a properties file names them
        unread.removeIf(variable -> variable.startsWith("QUARKUS_") || propertyKeys.contains(variable));
        read.removeIf(variable -> variable.startsWith("QUARKUS_"));
        assertThat(unread).as("variables docs/configuration.md names that no service reads").isEmpty();

        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        assertThat(undocumented).as("variables a service reads that docs/configuration.md does not name").isEmpty();
    }

    @Test
    void theReadmesPortsAreTheServicesPorts() throws IOException {
        String readme = Files.readString(ManifestsTest.ROOT.resolve("README.md"));
        for (String module : List.of("config-service", "webhook-gateway", "ticket-bridge", "channel-whatsapp",
                "channel-twitter", "simulators")) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(
                    ManifestsTest.ROOT.resolve(module + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            Matcher row = Pattern.compile("\\| `" + module + "` \\|[^\\n]*\\| (\\d+) \\|").matcher(readme);
            assertThat(row.find()).as("README's module row of %s with a port", module).isTrue();
            assertThat(row.group(1)).as("%s's port", module).isEqualTo(properties.getProperty("quarkus.http.port"));
        }
    }

    @Test
    void everyTopicTheDocsNameIsOneTopicsSpells() throws IOException {
        Set<String> spelled = new TreeSet<>(List.of(Topics.INBOUND, Topics.OUTBOUND_WHATSAPP, Topics.OUTBOUND_TWITTER,
                Topics.DELIVERY, Topics.WHATSAPP_STATUS, Topics.INTERACTIONS));
        for (String topic : List.copyOf(spelled)) {
            spelled.add(Topics.deadLetter(topic));
        }
        Set<String> named = new TreeSet<>();
        List<Path> pages = new ArrayList<>(List.of(ManifestsTest.ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ManifestsTest.ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        Pattern topic = Pattern.compile("omnichannel\\.[a-z.]+\\.v1(?:\\.dlq)?");
        for (Path page : pages) {
            Matcher found = topic.matcher(Files.readString(page));
            while (found.find()) {
                named.add(found.group());
            }
        }
        named.removeIf(name -> name.contains(".telegram.")); // the docs' example of a new channel
        assertThat(named).isNotEmpty();
        assertThat(spelled).as("topics Topics spells").containsAll(named);
    }

    static Set<String> references(String properties) {
        Set<String> found = new TreeSet<>();
        for (String line : properties.split("\n")) {
            if (!line.startsWith("#") && !line.startsWith("%")) {
                Matcher reference = REFERENCE.matcher(line);
                while (reference.find()) {
                    found.add(reference.group(1));
                }
            }
        }
        return found;
    }

    private static Path properties(String service) {
        return service.equals("platform")
                ? ManifestsTest.ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties")
                : ManifestsTest.ROOT.resolve(service + "/src/main/resources/application.properties");
    }

    /** The property names of a {@code @ConfigMapping}'s leaves (maps left out: their keys are data). */
    static Set<String> mappingProperties(String source) {
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            return Set.of();
        }
        Map<String, String> bodies = new HashMap<>();
        Matcher declared = INTERFACE.matcher(source);
        while (declared.find()) {
            bodies.put(declared.group(1), body(source, declared.end()));
        }
        Set<String> variables = new TreeSet<>();
        leaves(mapping.group(1), mapping.group(2), bodies, variables);
        return variables;
    }

    private static void leaves(String prefix, String type, Map<String, String> bodies, Set<String> variables) {
        String body = bodies.get(type);
        // only this interface's own methods: nested interfaces' bodies are taken out first
        for (String nested : bodies.keySet()) {
            if (!nested.equals(type)) {
                body = body.replace(bodies.get(nested), "");
            }
        }
        Matcher method = METHOD.matcher(body);
        while (method.find()) {
            Matcher withName = WITH_NAME.matcher(method.group(1));
            String name = withName.find() ? withName.group(1) : kebab(method.group(3));
            String returned = method.group(2).replaceAll("(java\\.util\\.)?Optional<(.*)>", "$2").strip();
            if (returned.startsWith("Map<") || returned.startsWith("java.util.Map<")) {
                continue;
            }
            if (bodies.containsKey(returned)) {
                leaves(prefix + "." + name, returned, bodies, variables);
            } else {
                variables.add(prefix + "." + name);
            }
        }
    }

    private static String body(String source, int open) {
        int depth = 1;
        int i = open;
        while (depth > 0) {
            char c = source.charAt(i++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        return source.substring(open, i - 1);
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** MicroProfile Config's environment name of a property: upper case, every other character an underscore. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Set<String> keys(Path properties) throws IOException {
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            loaded.load(in);
        }
        Set<String> keys = new TreeSet<>();
        loaded.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).forEach(keys::add);
        return keys;
    }

    private static Set<String> documented(String page) {
        Set<String> found = new TreeSet<>();
        Matcher variable = DOCUMENTED.matcher(page);
        while (variable.find()) {
            found.add(variable.group(1));
        }
        return found;
    }
}
