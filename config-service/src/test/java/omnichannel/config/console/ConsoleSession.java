package omnichannel.config.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person logged in to the console over plain HTTP, as a browser without JavaScript does it: the console sends them
 * to the identity provider, they post the login form, and they come back with the session cookie. Redirects after a
 * post are not followed, so a test sees the console's 303.
 */
final class ConsoleSession {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient following;
    private final HttpClient notFollowing;

    private ConsoleSession(String base, CookieManager cookies) {
        this.base = base;
        this.following = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.ALWAYS)
                .build();
        this.notFollowing = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static ConsoleSession login(String base, String username, String password) {
        ConsoleSession session = new ConsoleSession(base, new CookieManager());
        HttpResponse<String> form = session.get("/console/interactions");
        if (!form.uri().getPath().equals("/authorize")) {
            throw new IllegalStateException("the console did not send us to log in: " + form.uri());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.body());
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2).replace("&amp;", "&").replace("&quot;", "\""));
        }
        fields.put("username", username);
        fields.put("password", password);
        URI idp = form.uri().resolve("/authorize");
        HttpResponse<String> landed = send(session.following, HttpRequest.newBuilder(idp)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))).build());
        if (landed.statusCode() != 200 || !landed.uri().getPath().startsWith("/console")) {
            throw new IllegalStateException("login did not land on the console: " + landed.statusCode() + " "
                    + landed.uri());
        }
        return session;
    }

    HttpResponse<String> get(String path) {
        return send(following, HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** The form token of the page at {@code path}. */
    String csrf(String path) {
        Matcher token = CSRF.matcher(get(path).body());
        if (!token.find()) {
            throw new IllegalStateException("no form token on " + path);
        }
        return token.group(1);
    }

    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        headers.forEach(request::header);
        return send(notFollowing, request.build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
