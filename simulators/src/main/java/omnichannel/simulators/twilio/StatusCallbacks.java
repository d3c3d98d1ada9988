package omnichannel.simulators.twilio;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Plays Twilio's status callbacks: after a message is accepted, posts {@code sent}, {@code delivered} and {@code read}
 * to its StatusCallback URL, each signed with the account's Auth Token exactly as Twilio signs (providers.md §3).
 */
@ApplicationScoped
public class StatusCallbacks {

    private final WebClient http;
    private final Duration delay;
    /** What each message's callbacks got back: the status sent and the HTTP status the callback URL answered. */
    private final Map<String, List<Map<String, Object>>> delivered = new ConcurrentHashMap<>();

    public StatusCallbacks(Vertx vertx, @ConfigProperty(name = "simulators.twilio.status-delay") Duration delay) {
        this.http = WebClient.create(vertx);
        this.delay = delay;
    }

    /** Fire and forget: like Twilio's, these callbacks are best effort. */
    void progress(TwilioMessagesResource.SentMessage message, String authToken) {
        progress(message, authToken, List.of("sent", "delivered", "read"), null);
    }

    /**
     * A free-form message outside the person's 24-hour window: accepted, then {@code failed} with error 63016, as
     * Twilio reports it for WhatsApp.
     */
    void windowClosed(TwilioMessagesResource.SentMessage message, String authToken) {
        progress(message, authToken, List.of("failed"), "63016");
    }

    private void progress(TwilioMessagesResource.SentMessage message, String authToken, List<String> statuses,
            String errorCode) {
        if (message.statusCallback() == null || message.statusCallback().isBlank()) {
            return;
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String status : statuses) {
            chain = chain.onItem().delayIt().by(delay).chain(() -> post(message, status, errorCode, authToken));
        }
        chain.subscribe().with(done -> {
        }, failure -> Log.warnf("status callback to %s failed: %s", message.statusCallback(), failure.getMessage()));
    }

    private Uni<Void> post(TwilioMessagesResource.SentMessage message, String status, String errorCode,
            String authToken) {
        Map<String, String> form = new TreeMap<>();
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        form.put("MessageSid", message.sid());
        form.put("SmsSid", message.sid());
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("AccountSid", message.accountSid());
        form.put("From", message.from() == null ? "" : message.from());
        form.put("To", message.to());
        form.put("ChannelPrefix", "whatsapp");
        form.put("ApiVersion", "2010-04-01");
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        // like Twilio: the fragment is neither sent nor signed; it says how often to retry and on what
        String handedOut = message.statusCallback();
        int hash = handedOut.indexOf('#');
        String url = hash < 0 ? handedOut : handedOut.substring(0, hash);
        Map<String, String> overrides = overrides(hash < 0 ? "" : handedOut.substring(hash + 1));
        int retries = Math.min(5, Integer.parseInt(overrides.getOrDefault("rc", "0")));
        boolean retry5xx = overrides.getOrDefault("rp", "").matches(".*\\b(5xx|all)\\b.*");
        return attempt(url, form, body, status, message.sid(), authToken, retry5xx ? retries : 0);
    }

    private Uni<Void> attempt(String url, Map<String, String> form, MultiMap body, String status, String sid,
            String authToken, int retriesLeft) {
        return http.postAbs(url)
                .putHeader("X-Twilio-Signature", TwilioWebhookSigner.signFields(authToken, url, form))
                .sendForm(body)
                .chain(response -> {
                    delivered.computeIfAbsent(sid, k -> new CopyOnWriteArrayList<>())
                            .add(Map.of("status", status, "answered", response.statusCode()));
                    if (response.statusCode() >= 500 && retriesLeft > 0) {
                        Log.infof("status callback %s for %s answered %d, retried", status, sid, response.statusCode());
                        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(1))
                                .chain(() -> attempt(url, form, body, status, sid, authToken, retriesLeft - 1));
                    }
                    if (response.statusCode() >= 300) {
                        Log.warnf("status callback %s for %s answered %d", status, sid, response.statusCode());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /** The callbacks of a message so far, in the order they were posted (retries included). */
    List<Map<String, Object>> delivered(String sid) {
        return delivered.getOrDefault(sid, List.of());
    }

    /** Twilio's connection overrides ({@code #rc=3&rp=5xx,ct}). */
    static Map<String, String> overrides(String fragment) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : fragment.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }
}
