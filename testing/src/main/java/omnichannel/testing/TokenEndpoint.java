package omnichannel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OAuth2 token endpoint (RFC 6749 §4.4, client credentials) for the tests and the local run: what an identity
 * provider such as Keycloak gives each service. It knows one client per service, authenticates it by HTTP Basic
 * ({@code client_secret_basic}, what Quarkus's OIDC client sends) or by form fields ({@code client_secret_post}), and
 * answers a JWT signed with {@link Tokens}'s key, role {@code omnichannel-service}, living {@code lifetime}: short
 * lifetimes make the services fetch new tokens while they run, so the refresh path is exercised.
 */
public final class TokenEndpoint implements AutoCloseable {

    /** The services that call config-service's internal API; each is its own client. */
    public static final String[] SERVICE_CLIENTS = {"webhook-gateway", "ticket-bridge", "channel-whatsapp",
            "channel-twitter"};

    private final HttpServer server;
    private final Tokens tokens;
    private final Map<String, String> secrets;
    private volatile Duration lifetime;
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    private TokenEndpoint(HttpServer server, Tokens tokens, Map<String, String> secrets, Duration lifetime) {
        this.server = server;
        this.tokens = tokens;
        this.secrets = secrets;
        this.lifetime = lifetime;
    }

    /** Starts on {@code port} (0: any free port) with a client per {@link #SERVICE_CLIENTS service}. */
    public static TokenEndpoint start(int port, Tokens tokens, Duration lifetime) {
        Map<String, String> secrets = new HashMap<>();
        for (String client : SERVICE_CLIENTS) {
            // LOCAL RUNS AND TESTS ONLY: the secrets protect tokens signed by a key that lives as long as the run
            secrets.put(client, "local-only-secret-of-" + client);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            TokenEndpoint endpoint = new TokenEndpoint(server, tokens, Map.copyOf(secrets), lifetime);
            server.createContext("/token", endpoint::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "token-endpoint");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static volatile TokenEndpoint shared;

    /** One endpoint per JVM for the module tests, signing with {@link Tokens#shared()}, tokens living 10 minutes. */
    public static synchronized TokenEndpoint shared() {
        if (shared == null) {
            shared = start(0, Tokens.shared(), Duration.ofMinutes(10));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public String secret(String client) {
        return secrets.get(client);
    }

    /** The environment a service needs to get its tokens here: OIDC_TOKEN_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET. */
    public Map<String, String> environmentFor(String client) {
        return Map.of("OIDC_TOKEN_URL", url(), "OIDC_CLIENT_ID", client, "OIDC_CLIENT_SECRET", secret(client));
    }

    /** {@code properties} plus what a Quarkus test needs to get {@code client}'s tokens here. */
    public Map<String, String> withClientProperties(String client, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("quarkus.oidc-client.token-path", url());
        all.put("quarkus.oidc-client.client-id", client);
        all.put("quarkus.oidc-client.credentials.secret", secret(client));
        return all;
    }

    /** Tokens issued to {@code client} so far. */
    public int issued(String client) {
        return issued.getOrDefault(client, new AtomicInteger()).get();
    }

    /** Requests refused (unknown client, wrong secret, other grant). */
    public int refused() {
        return refused.get();
    }

    /** Tokens issued from now on live {@code lifetime}. */
    public void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "{\"error\":\"invalid_request\"}");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            String[] client = client(exchange.getRequestHeaders().getFirst("Authorization"), form);
            if (client == null || !client[1].equals(secrets.get(client[0]))) {
                refused.incrementAndGet();
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"omnichannel\"");
                answer(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                refused.incrementAndGet();
                answer(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            Duration life = lifetime;
            // tests may ask for shorter-lived tokens (an IdP sets the lifetime per client)
            String requested = form.get("requested_lifetime");
            if (requested != null && requested.matches("\\d{1,6}")
                    && Duration.ofSeconds(Long.parseLong(requested)).compareTo(life) < 0) {
                life = Duration.ofSeconds(Long.parseLong(requested));
            }
            String token = tokens.issue(client[0], life, Tokens.SERVICE);
            issued.computeIfAbsent(client[0], key -> new AtomicInteger()).incrementAndGet();
            answer(exchange, 200, "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}"
                    .formatted(token, life.toSeconds()));
        }
    }

    /** {id, secret} from HTTP Basic or from the form; null when neither is there. */
    private static String[] client(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new String[]{URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
                }
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
            return null;
        }
        if (form.containsKey("client_id") && form.containsKey("client_secret")) {
            return new String[]{form.get("client_id"), form.get("client_secret")};
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
