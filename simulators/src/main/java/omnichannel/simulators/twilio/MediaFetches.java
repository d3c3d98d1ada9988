package omnichannel.simulators.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Twilio fetches a message's {@code MediaUrl}s itself after accepting it, as a WhatsApp message with media needs the
 * file: the simulator does the same, once per URL, and keeps what it got for tests (status, type, size, SHA-256).
 */
@ApplicationScoped
public class MediaFetches {

    /** One fetch of a message's media URL; {@code status} 0 when the host could not be reached. */
    public record Fetch(String url, int status, String contentType, long size, String sha256) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Map<String, List<Fetch>> bySid = new ConcurrentHashMap<>();
    private final ExecutorService fetcher = Executors.newFixedThreadPool(4);

    /** Fetches every URL in the background, in order. */
    void fetch(String sid, List<String> urls) {
        List<Fetch> fetched = bySid.computeIfAbsent(sid, s -> new CopyOnWriteArrayList<>());
        CompletableFuture.runAsync(() -> urls.forEach(url -> fetched.add(fetch(url))), fetcher);
    }

    List<Fetch> of(String sid) {
        return List.copyOf(bySid.getOrDefault(sid, List.of()));
    }

    void reset() {
        bySid.clear();
    }

    private Fetch fetch(String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(15)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Fetch(url, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body().length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(response.body())));
        } catch (IOException | IllegalArgumentException e) {
            return new Fetch(url, 0, null, 0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetch(url, 0, null, 0, null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
