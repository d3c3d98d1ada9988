package omnichannel.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import omnichannel.events.Topics;
import omnichannel.infra.FreePorts;
import omnichannel.infra.KafkaBroker;
import omnichannel.infra.PostgresServer;
import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.simulators.identity.Tokens;

/**
 * The whole system as separate processes: the simulators and every service, wired to one PostgreSQL and one Kafka
 * with the variables of architecture.md. Used by the local run and by the system tests.
 */
public final class SystemStack implements AutoCloseable {

    /** The 4biz user the simulator accepts and the bridge logs in with. */
    public static final String FOURBIZ_USERNAME = "omnichannel";
    public static final String FOURBIZ_PASSWORD = "local-only-4biz-password";
    /** LOCAL RUNS AND TESTS ONLY: signs the links to attendants' files (production: a secret, MEDIA_LINK_KEY). */
    static final String LOCAL_MEDIA_LINK_KEY = "local-only-media-link-key-not-a-secret";

    /** Every topic of architecture.md, dead-letter topics included. */
    public static final List<String> ALL_TOPICS = List.of(Topics.INBOUND, Topics.OUTBOUND_WHATSAPP,
            Topics.OUTBOUND_TWITTER, Topics.DELIVERY, Topics.WHATSAPP_STATUS, Topics.INTERACTIONS,
            Topics.deadLetter(Topics.INBOUND),
            Topics.deadLetter(Topics.OUTBOUND_WHATSAPP), Topics.deadLetter(Topics.OUTBOUND_TWITTER),
            Topics.deadLetter(Topics.DELIVERY), Topics.deadLetter(Topics.WHATSAPP_STATUS));

    /**
     * How long the services' tokens live: far shorter than an IdP's usual minutes, so every run makes the services
     * fetch new ones while they work (they do 30 s before expiry).
     */
    public static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofSeconds(90);

    private final Map<String, ServiceProcess> services;
    private final IdentityProvider identityProvider;

    private SystemStack(Map<String, ServiceProcess> services, IdentityProvider identityProvider) {
        this.services = services;
        this.identityProvider = identityProvider;
    }

    /**
     * Ports of every process; {@link #localPorts()} gives architecture.md's defaults. {@code tokens} is the identity
     * provider's token endpoint, which this process serves.
     */
    public record Ports(int gateway, int config, int bridge, int whatsapp, int twitter, int simulators, int tokens) {
    }

    public static Ports localPorts() {
        return new Ports(8080, 8081, 8082, 8083, 8084, 8090, 8091);
    }

    /** The token endpoint the services get their tokens from (OAuth2 client credentials, one client each). */
    public IdentityProvider identityProvider() {
        return identityProvider;
    }

    /**
     * Starts the simulators, then every service (in parallel: they only need each other at request time), and waits
     * until all are ready.
     */
    public static SystemStack start(Path repoRoot, Path logDir, PostgresServer postgres, KafkaBroker kafka, Ports ports,
            Tokens tokens, Duration readyTimeout) {
        return start(repoRoot, logDir, postgres, kafka, ports, tokens, readyTimeout, Map.of());
    }

    /** The same, with environment variables changed per module (e.g. the benchmarks' production poll interval). */
    public static SystemStack start(Path repoRoot, Path logDir, PostgresServer postgres, KafkaBroker kafka, Ports ports,
            Tokens tokens, Duration readyTimeout, Map<String, Map<String, String>> changedEnv) {
        String simulators = "http://127.0.0.1:" + ports.simulators();
        String gateway = "http://127.0.0.1:" + ports.gateway();
        String config = "http://127.0.0.1:" + ports.config();

        Map<String, String> common = new HashMap<>();
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("OMNICHANNEL_PUBLIC_BASE_URL", gateway);
        common.put("CONFIG_SERVICE_URL", config);
        common.put("FOURBIZ_BASE_URL", simulators + "/4biz");
        common.put("FOURBIZ_USERNAME", FOURBIZ_USERNAME);
        common.put("FOURBIZ_PASSWORD", FOURBIZ_PASSWORD);
        common.put("TWILIO_API_BASE_URL", simulators);
        common.put("TWILIO_CONTENT_API_BASE_URL", simulators);
        common.put("X_API_BASE_URL", simulators);
        // LOCAL RUNS AND TESTS ONLY: the simulated Helper is plain http on 127.0.0.1, which admin-set URLs may not be
        common.put("OMNICHANNEL_PLATFORM_OUTBOUND_URLS_ALLOWED", "127.0.0.1:" + ports.simulators());
        // the simulated Twilio holds people's files: the only media host the bridge may fetch them from here
        common.put("BRIDGE_MEDIA_WHATSAPP_HOSTS", "127.0.0.1:" + ports.simulators());

        kafka.createTopics(ALL_TOPICS, 4);
        IdentityProvider identityProvider = IdentityProvider.start(ports.tokens(), tokens, SERVICE_TOKEN_LIFETIME);

        // several services may be restarted at once (the chaos soak)
        Map<String, ServiceProcess> started = Collections.synchronizedMap(new LinkedHashMap<>());
        try {
            ServiceProcess sim = ServiceProcess.start(repoRoot, "simulators", ports.simulators(),
                    with(common, changedEnv.get("simulators")), logDir);
            started.put(sim.name(), sim);
            List<ServiceProcess> services = new ArrayList<>();
            // config-service's own identity: privacy requests to the services that keep people's data
            Map<String, String> configEnv = withClient(withDb(common, postgres, "config"), identityProvider,
                    "config-service");
            configEnv.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey());
            configEnv.put("OIDC_ISSUER", Tokens.ISSUER);
            configEnv.put("OMNICHANNEL_SECRETS_KEYSET", localDevKeyset());
            // the admin console logs people in here (authorization code flow, the provider's local users)
            configEnv.putAll(identityProvider.consoleEnvironment());
            configEnv.put("CHANNEL_TWITTER_URL", "http://127.0.0.1:" + ports.twitter());
            // X's OAuth 2.0 authorization page (the simulator's) and the console's landing registered as the callback
            configEnv.put("X_AUTHORIZE_URL", simulators + "/i/oauth2/authorize");
            configEnv.put("X_OAUTH2_REDIRECT_URI", config + "/console/x/landing");
            configEnv.put("TICKET_BRIDGE_URL", "http://127.0.0.1:" + ports.bridge());
            configEnv.put("CHANNEL_WHATSAPP_URL", "http://127.0.0.1:" + ports.whatsapp());
            services.add(ServiceProcess.start(repoRoot, "config-service", ports.config(),
                    with(configEnv, changedEnv.get("config-service")), logDir));
            Map<String, String> gatewayEnv = withClient(common, identityProvider, "webhook-gateway");
            // bad signatures reach the console's health panel within seconds (production: every 30 s)
            gatewayEnv.put("SIGNATURE_REPORT_INTERVAL", "2s");
            // attendants' files: the gateway serves the bridge's signed links
            gatewayEnv.put("TICKET_BRIDGE_URL", "http://127.0.0.1:" + ports.bridge());
            gatewayEnv.put("MEDIA_LINK_KEY", LOCAL_MEDIA_LINK_KEY);
            services.add(ServiceProcess.start(repoRoot, "webhook-gateway", ports.gateway(),
                    with(gatewayEnv, changedEnv.get("webhook-gateway")), logDir));
            Map<String, String> bridgeEnv = withClient(withDb(common, postgres, "bridge"), identityProvider,
                    "ticket-bridge");
            bridgeEnv.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey());
            bridgeEnv.put("OIDC_ISSUER", Tokens.ISSUER);
            bridgeEnv.put("BRIDGE_ANSWERS_POLL_INTERVAL", "1s");
            bridgeEnv.put("MEDIA_LINK_KEY", LOCAL_MEDIA_LINK_KEY);
            services.add(ServiceProcess.start(repoRoot, "ticket-bridge", ports.bridge(),
                    with(bridgeEnv, changedEnv.get("ticket-bridge")), logDir));
            Map<String, String> whatsappEnv = withClient(withDb(common, postgres, "whatsapp"), identityProvider,
                    "channel-whatsapp");
            whatsappEnv.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey());
            whatsappEnv.put("OIDC_ISSUER", Tokens.ISSUER);
            services.add(ServiceProcess.start(repoRoot, "channel-whatsapp", ports.whatsapp(),
                    with(whatsappEnv, changedEnv.get("channel-whatsapp")), logDir));
            Map<String, String> twitterEnv = withClient(withDb(common, postgres, "twitter"), identityProvider,
                    "channel-twitter");
            twitterEnv.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey());
            twitterEnv.put("OIDC_ISSUER", Tokens.ISSUER);
            twitterEnv.put("TWITTER_POLLING_INTERVAL", "1s");
            // a subscription deleted on X's side comes back within seconds here (production: every 10 minutes)
            twitterEnv.put("TWITTER_ACTIVITY_RECONCILE_INTERVAL", "2s");
            services.add(ServiceProcess.start(repoRoot, "channel-twitter", ports.twitter(),
                    with(twitterEnv, changedEnv.get("channel-twitter")), logDir));
            services.forEach(service -> started.put(service.name(), service));
            CompletableFuture.allOf(started.values().stream()
                    .map(service -> CompletableFuture.runAsync(() -> service.awaitReady(readyTimeout)))
                    .toArray(CompletableFuture[]::new)).join();
            return new SystemStack(started, identityProvider);
        } catch (RuntimeException e) {
            started.values().forEach(ServiceProcess::close);
            identityProvider.close();
            throw e;
        }
    }

    /** LOCAL RUNS AND TESTS ONLY: the published development keyset; production keysets come from a Secret. */
    private static String localDevKeyset() {
        try (var in = SystemStack.class.getResourceAsStream("/local-dev-secrets-keyset.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> env, Map<String, String> changes) {
        Map<String, String> changed = new HashMap<>(env);
        if (changes != null) {
            changed.putAll(changes);
        }
        return changed;
    }

    private static Map<String, String> withClient(Map<String, String> env, IdentityProvider identityProvider, String client) {
        Map<String, String> withClient = new HashMap<>(env);
        withClient.putAll(identityProvider.environmentFor(client));
        return withClient;
    }

    private static Map<String, String> withDb(Map<String, String> common, PostgresServer postgres, String database) {
        Map<String, String> env = new HashMap<>(common);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        return env;
    }

    public ServiceProcess service(String module) {
        ServiceProcess service = services.get(module);
        if (service == null) {
            throw new IllegalArgumentException("no service " + module);
        }
        return service;
    }

    /** Starts one more process of a service (a replica on a free port) and waits until it is ready. */
    public ServiceProcess startReplica(String module, String suffix, Duration readyTimeout) {
        ServiceProcess replica = service(module).replica(FreePorts.next(), suffix);
        services.put(replica.name(), replica);
        replica.awaitReady(readyTimeout);
        return replica;
    }

    /** Stops a service gracefully for the rest of the run. */
    public void stop(String module) {
        service(module).close();
        services.remove(module);
    }

    /** Kills the service (SIGKILL, mid-work), starts it again and waits until it is ready. */
    public ServiceProcess killAndRestart(String module, Duration readyTimeout) {
        ServiceProcess old = service(module);
        old.kill();
        ServiceProcess fresh = old.restarted();
        services.put(module, fresh);
        fresh.awaitReady(readyTimeout);
        return fresh;
    }

    /** Stops the service gracefully and starts it again with some environment variables changed. */
    public ServiceProcess restart(String module, Map<String, String> changedEnv, Duration readyTimeout) {
        ServiceProcess old = service(module);
        old.close();
        ServiceProcess fresh = old.restarted(changedEnv);
        services.put(module, fresh);
        fresh.awaitReady(readyTimeout);
        return fresh;
    }

    /**
     * Stops the services (together: each may take seconds to finish its work) first and the simulators last, so
     * nothing in flight loses its peer early.
     */
    @Override
    public void close() {
        List<ServiceProcess> others;
        synchronized (services) {
            others = services.values().stream().filter(s -> !s.name().equals("simulators")).toList();
        }
        // a thread each: the common pool has a single thread on a two-core machine
        List<Thread> stopping = others.stream().map(service -> new Thread(service::close, "stop-" + service.name()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        ServiceProcess simulators = services.get("simulators");
        if (simulators != null) {
            simulators.close();
        }
        identityProvider.close();
    }
}
