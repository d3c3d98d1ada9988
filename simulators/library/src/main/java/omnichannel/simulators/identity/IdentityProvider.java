package omnichannel.simulators.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The identity provider of the tests and the local run, a JDK {@code HttpServer} playing what Keycloak or another
 * OIDC provider is in production, tokens signed with {@link Tokens}'s key:
 * <ul>
 * <li>the services' OAuth2 token endpoint (RFC 6749 §4.4, client credentials): one client per service, authenticated
 * by HTTP Basic ({@code client_secret_basic}, what Quarkus's OIDC client sends) or by form fields
 * ({@code client_secret_post}); a JWT with the client's own role ({@link #SERVICE_CLIENTS}), living {@code lifetime} (short lifetimes
 * make the services fetch new tokens while they run, so the refresh path is exercised);</li>
 * <li>OpenID Connect's authorization code flow for the admin console ({@link #CONSOLE_CLIENT}): discovery, a login
 * form at {@code /authorize} for the {@link #USERS local users}, one-use codes bound to the client and redirect URI,
 * an ID token with the user's roles, the key set at {@code /jwks}, and {@code /logout}.</li>
 * </ul>
 */
public final class IdentityProvider implements AutoCloseable {

    /**
     * The services that fetch tokens with client credentials, each its own client, and the role each earns: what a
     * realm in Keycloak would say (one client per service, a service-account role per client).
     */
    public static final Map<String, String> SERVICE_CLIENTS = Map.of("webhook-gateway", Tokens.GATEWAY,
            "ticket-bridge", Tokens.BRIDGE, "channel-whatsapp", Tokens.WHATSAPP, "channel-twitter", Tokens.TWITTER,
            "config-service", Tokens.PRIVACY);

    /** What each service client calls: its tokens are meant for those services alone (an audience mapper per client). */
    public static final Map<String, List<String>> CALLS = Map.of(
            "webhook-gateway", List.of(Tokens.audienceOf("config-service"), Tokens.audienceOf("ticket-bridge")),
            "ticket-bridge", List.of(Tokens.audienceOf("config-service")),
            "channel-whatsapp", List.of(Tokens.audienceOf("config-service")),
            "channel-twitter", List.of(Tokens.audienceOf("config-service")),
            "config-service", List.of(Tokens.audienceOf("ticket-bridge"), Tokens.audienceOf("channel-whatsapp"),
                    Tokens.audienceOf("channel-twitter")));

    /** The admin console's client (config-service's {@code console} OIDC tenant). */
    public static final String CONSOLE_CLIENT = "config-service-console";

    /** A person who can log in to the console here. */
    public record User(String username, String password, String subject, String role) {
    }

    /** LOCAL RUNS AND TESTS ONLY: the console's users; the passwords protect a stand that lives as long as the run. */
    public static final List<User> USERS = List.of(
            new User("admin", "local-only-admin-password", "admin@omnichannel.local", Tokens.ADMIN),
            new User("viewer", "local-only-viewer-password", "viewer@omnichannel.local", Tokens.VIEWER));

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a code stands for until the client redeems it (once). */
    private record Grant(String client, String redirectUri, User user, String nonce, Instant expires) {
    }

    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final Tokens tokens;
    private final Map<String, String> secrets;
    private volatile Duration lifetime;
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    private IdentityProvider(HttpServer server, Tokens tokens, Map<String, String> secrets, Duration lifetime) {
        this.server = server;
        this.tokens = tokens;
        this.secrets = secrets;
        this.lifetime = lifetime;
    }

    /** Starts on {@code port} (0: any free port) with a client per {@link #SERVICE_CLIENTS service}. */
    public static IdentityProvider start(int port, Tokens tokens, Duration lifetime) {
        Map<String, String> secrets = new HashMap<>();
        for (String client : SERVICE_CLIENTS.keySet()) {
            // LOCAL RUNS AND TESTS ONLY: the secrets protect tokens signed by a key that lives as long as the run
            secrets.put(client, "local-only-secret-of-" + client);
        }
        secrets.put(CONSOLE_CLIENT, "local-only-secret-of-" + CONSOLE_CLIENT);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            IdentityProvider endpoint = new IdentityProvider(server, tokens, Map.copyOf(secrets), lifetime);
            server.createContext("/token", endpoint::handle);
            server.createContext("/.well-known/openid-configuration", endpoint::discovery);
            server.createContext("/authorize", endpoint::authorize);
            server.createContext("/jwks", exchange -> {
                try (exchange) {
                    answer(exchange, 200, tokens.jwks());
                }
            });
            server.createContext("/logout", endpoint::logout);
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

    private static volatile IdentityProvider shared;

    /** One endpoint per JVM for the module tests, signing with {@link Tokens#shared()}, tokens living 10 minutes. */
    public static synchronized IdentityProvider shared() {
        if (shared == null) {
            shared = start(0, Tokens.shared(), Duration.ofMinutes(10));
        }
        return shared;
    }

    public String url() {
        return baseUrl() + "/token";
    }

    /** What an OIDC client is configured with ({@code auth-server-url}): discovery is below it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The environment config-service needs for its console to log people in here. */
    public Map<String, String> consoleEnvironment() {
        return Map.of("CONSOLE_OIDC_ENABLED", "true", "CONSOLE_OIDC_AUTH_SERVER_URL", baseUrl(),
                "CONSOLE_OIDC_CLIENT_ID", CONSOLE_CLIENT, "CONSOLE_OIDC_CLIENT_SECRET", secret(CONSOLE_CLIENT));
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
            if ("authorization_code".equals(form.get("grant_type"))) {
                redeem(exchange, client[0], form);
                return;
            }
            if (!"client_credentials".equals(form.get("grant_type")) || client[0].equals(CONSOLE_CLIENT)) {
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
            String token = tokens.issueFor(CALLS.get(client[0]), client[0], life, SERVICE_CLIENTS.get(client[0]));
            issued.computeIfAbsent(client[0], key -> new AtomicInteger()).incrementAndGet();
            answer(exchange, 200, "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}"
                    .formatted(token, life.toSeconds()));
        }
    }

    /** Redeems a code once, for the client and redirect URI it was issued to: an ID token and an access token. */
    private void redeem(HttpExchange exchange, String client, Map<String, String> form) throws IOException {
        String code = form.get("code");
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || !grant.client().equals(client) || !grant.redirectUri().equals(form.get("redirect_uri"))
                || Instant.now().isAfter(grant.expires())) {
            refused.incrementAndGet();
            answer(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        User user = grant.user();
        String idToken = tokens.idToken(client, user.subject(), user.username(), grant.nonce(), SESSION_LIFETIME,
                user.role());
        String accessToken = tokens.issue(user.subject(), SESSION_LIFETIME, user.role());
        issued.computeIfAbsent(client, key -> new AtomicInteger()).incrementAndGet();
        answer(exchange, 200, "{\"access_token\":\"%s\",\"id_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d}"
                .formatted(accessToken, idToken, SESSION_LIFETIME.toSeconds()));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        try (exchange) {
            String base = baseUrl();
            answer(exchange, 200, """
                    {"issuer":"%s","authorization_endpoint":"%s/authorize","token_endpoint":"%s/token",\
                    "jwks_uri":"%s/jwks","end_session_endpoint":"%s/logout","response_types_supported":["code"],\
                    "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],\
                    "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post"]}"""
                    .formatted(Tokens.ISSUER, base, base, base, base));
        }
    }

    /**
     * GET: the login form for a known client and a loopback redirect URI (this provider serves local runs and tests
     * only). POST: the form's answer; right credentials send the browser back with a one-use code and the state.
     */
    private void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean post = "POST".equals(exchange.getRequestMethod());
            Map<String, String> params = form(post
                    ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    : exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
            String client = params.getOrDefault("client_id", "");
            String redirectUri = params.getOrDefault("redirect_uri", "");
            if (!client.equals(CONSOLE_CLIENT) || !isLoopback(redirectUri)
                    || !"code".equals(params.get("response_type"))) {
                answerHtml(exchange, 400, "<p>Unknown client, redirect URI or response type.</p>");
                return;
            }
            if (!post) {
                answerHtml(exchange, 200, loginForm(params, false));
                return;
            }
            User user = USERS.stream().filter(u -> u.username().equals(params.get("username"))
                    && u.password().equals(params.get("password"))).findFirst().orElse(null);
            if (user == null) {
                answerHtml(exchange, 200, loginForm(params, true));
                return;
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            String code = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            codes.put(code, new Grant(client, redirectUri, user, params.get("nonce"),
                    Instant.now().plus(CODE_LIFETIME)));
            String state = params.get("state");
            String location = redirectUri + (redirectUri.contains("?") ? "&" : "?") + "code=" + code
                    + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /** RP-initiated logout: nothing is kept here beyond the codes, so it only sends the browser back. */
    private void logout(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String back = form(query == null ? "" : query).get("post_logout_redirect_uri");
            if (back != null && isLoopback(back)) {
                exchange.getResponseHeaders().add("Location", back);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            answerHtml(exchange, 200, "<p>Logged out.</p>");
        }
    }

    private static boolean isLoopback(String uri) {
        try {
            URI parsed = URI.create(uri);
            return ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()))
                    && ("127.0.0.1".equals(parsed.getHost()) || "localhost".equals(parsed.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String loginForm(Map<String, String> params, boolean failed) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "response_type", "scope", "state", "nonce")) {
            if (params.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(params.get(name))).append("\">");
            }
        }
        return """
                <!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Entrar</title></head><body>
                <h1>Omnichannel: local identity provider</h1>%s
                <form method="post" action="/authorize">%s
                <label>Usuário <input id="username" name="username" autocomplete="username"></label>
                <label>Senha <input id="password" name="password" type="password" autocomplete="current-password"></label>
                <button id="login" type="submit">Entrar</button></form></body></html>"""
                .formatted(failed ? "<p id=\"error\">Usuário ou senha inválidos.</p>" : "", hidden);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void answerHtml(HttpExchange exchange, int status, String html) throws IOException {
        answer(exchange, status, "text/html; charset=utf-8", html);
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
        answer(exchange, status, "application/json", json);
    }

    /** Every answer here: never cached (tokens, codes, login pages). */
    private static void answer(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
