package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import omnichannel.infra.FreePorts;
import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;

/**
 * The console behind a TLS-terminating reverse proxy, as an ingress controller puts it: Debian's nginx (installed by
 * the build, started here with a certificate made for the test) terminates https and forwards to config-service over
 * http with X-Forwarded-Proto/Host. The login's redirect URI is the proxy's https URL, and the state, session and
 * language cookies are Secure; reached directly over plain http, or by a caller that is not a trusted proxy
 * (whatever X-Forwarded-* it sends), the same login asks for an http redirect URI.
 */
@ResourceLock(SharedSystem.LOCK)
class ConsoleBehindTlsProxyTest {

    static RunningSystem system;
    static Process nginx;
    static int port;
    static HttpClient https;

    @BeforeAll
    static void startTheProxy() throws Exception {
        system = SharedSystem.get();
        Path dir = Files.createTempDirectory("console-tls-proxy");
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "key.pem", "-out", "cert.pem");
        port = FreePorts.next();
        URI upstream = URI.create(system.configService());
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %1$s/cert.pem;
                    ssl_certificate_key %1$s/key.pem;
                    location / {
                      proxy_pass http://127.0.0.1:%3$d;
                      proxy_set_header Host $host:$server_port;
                      proxy_set_header X-Forwarded-Proto https;
                      proxy_set_header X-Forwarded-Host $host:$server_port;
                      proxy_set_header X-Forwarded-Port $server_port;
                      proxy_set_header X-Forwarded-For $remote_addr;
                    }
                  }
                }
                """.formatted(dir, port, upstream.getPort()));
        // as root, nginx's workers would switch to an unprivileged user that cannot read the test's files
        String user = "root".equals(System.getProperty("user.name")) ? "user root; " : "";
        nginx = new ProcessBuilder("nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-g",
                user + "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        Path out = dir.resolve("nginx.out");
        org.awaitility.Awaitility.await("nginx listening").atMost(Duration.ofSeconds(20)).until(() -> {
            assertThat(nginx.isAlive()).as("nginx started: " + Files.readString(out)).isTrue();
            return listening(port);
        });
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[]{new X509TrustManager() {

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm(null);
        https = HttpClient.newBuilder().sslContext(trustAll).sslParameters(parameters)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stopTheProxy() {
        if (nginx != null) {
            nginx.destroy();
        }
    }

    @Test
    void theLoginRedirectsToHttpsAndEveryCookieIsSecure() throws Exception {
        String proxy = "https://127.0.0.1:" + port;
        HttpResponse<String> start = get(proxy + "/console/interactions", Map.of());
        assertThat(start.statusCode()).isEqualTo(302);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        Map<String, String> params = HttpJson.query(URI.create(authorize).getRawQuery());
        assertThat(params.get("redirect_uri")).isEqualTo(proxy + "/console/interactions");
        List<String> stateCookies = start.headers().allValues("Set-Cookie");
        assertThat(stateCookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("Secure"));

        // the person logs in at the IdP, which sends the browser back to the https redirect URI
        IdentityProvider.User admin = IdentityProvider.USERS.get(0);
        StringBuilder form = new StringBuilder("username=" + admin.username() + "&password=" + admin.password());
        params.forEach((name, value) -> form.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpResponse<String> login = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(authorize.substring(0, authorize.indexOf('?'))))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        String back = login.headers().firstValue("Location").orElseThrow();
        assertThat(back).startsWith(proxy + "/console/interactions?code=");

        HttpResponse<String> session = get(back, Map.of("Cookie", cookies(stateCookies)));
        assertThat(session.statusCode()).as(session.body()).isIn(302, 303);
        List<String> sessionCookies = session.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_session")).toList();
        assertThat(sessionCookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("Secure")
                .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));

        HttpResponse<String> language = get(proxy + "/console/language/en", Map.of("Cookie", cookies(sessionCookies)));
        assertThat(language.statusCode()).isEqualTo(303);
        assertThat(language.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("console-lang=en").contains("Secure"));
    }

    @Test
    void directlyOverPlainHttpTheRedirectUriIsHttpAndNoForwardedSchemeIsTakenFromAnUntrustedCaller()
            throws Exception {
        // a caller that is not a trusted proxy (127.0.0.2: config-service trusts 127.0.0.1 and ::1 here) says https
        URI config = URI.create(system.configService());
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", config.getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /console/interactions HTTP/1.1\r\nHost: 127.0.0.1:" + config.getPort() + "\r\n"
                    + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example.com\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String location = answer.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                    .orElseThrow(() -> new AssertionError("no redirect: " + answer)).substring(9).strip();
            assertThat(HttpJson.query(URI.create(location).getRawQuery()).get("redirect_uri")).as("forwarded headers ignored")
                    .startsWith("http://").doesNotContain("evil.example.com");
        }

        HttpResponse<String> start = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                HttpRequest.newBuilder(URI.create(system.configService() + "/console/interactions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.statusCode()).isEqualTo(302);
        assertThat(HttpJson.query(URI.create(start.headers().firstValue("Location").orElseThrow()).getRawQuery())
                .get("redirect_uri")).startsWith("http://127.0.0.1:");
        assertThat(start.headers().allValues("Set-Cookie")).allSatisfy(cookie -> assertThat(cookie)
                .doesNotContain("Secure"));
    }

    private static HttpResponse<String> get(String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET();
        headers.forEach(request::header);
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookies(List<String> setCookies) {
        return String.join("; ", setCookies.stream().map(c -> c.substring(0, c.indexOf(';') < 0
                ? c.length()
                : c.indexOf(';'))).toList());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
    }
}
