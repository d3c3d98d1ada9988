package omnichannel.simulators.x;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the simulated X holds: webhooks, subscriptions, DM events, the DMs we sent, the DM send budget. */
@ApplicationScoped
public class XState {

    /** A 15-minute rate-limit window. */
    static final long WINDOW_SECONDS = 900;

    public record Webhook(String id, String url, boolean valid, Instant createdAt) {
    }

    /** A DM event, as GET /2/dm_events lists it. */
    public record DmEvent(String id, String senderId, String senderName, String senderUsername, String recipientId,
            String text, Instant createdAt) {
    }

    /** A DM our system sent, with whether its OAuth signature was valid, and its file's media id (or null). */
    public record SentDm(String dmEventId, String to, String text, boolean signatureValid, Instant at, String mediaId) {
    }

    /** An X Activity API subscription. */
    public record Subscription(String id, String eventType, String userId, String tag, String webhookId,
            Instant createdAt) {
    }

    /** A file uploaded for a DM: its category, type, size and SHA-256. */
    public record Media(String id, String category, String contentType, int size, String sha256) {
    }

    private final AtomicLong ids = new AtomicLong(1_900_000_000_000_000_000L);
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final List<String> subscriptions = new ArrayList<>();
    private final List<DmEvent> events = new ArrayList<>();
    private final List<SentDm> sent = new ArrayList<>();
    private final Map<String, Media> media = new LinkedHashMap<>();
    private final Map<String, Subscription> activity = new LinkedHashMap<>();
    private int budget;
    private int used;
    private long windowStart = Instant.now().getEpochSecond();

    public XState(@ConfigProperty(name = "simulators.x.dm-budget") int budget) {
        this.budget = budget;
    }

    String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    synchronized Webhook webhookByUrl(String url) {
        return webhooks.values().stream().filter(w -> w.url().equals(url)).findFirst().orElse(null);
    }

    synchronized Webhook webhook(String id) {
        return webhooks.get(id);
    }

    synchronized void save(Webhook webhook) {
        webhooks.put(webhook.id(), webhook);
    }

    public synchronized List<Webhook> webhooks() {
        return List.copyOf(webhooks.values());
    }

    /** False when the webhook was subscribed already. */
    synchronized boolean subscribe(String webhookId) {
        if (subscriptions.contains(webhookId)) {
            return false;
        }
        subscriptions.add(webhookId);
        return true;
    }

    private int unsubscribeFailures;

    synchronized boolean subscribed(String webhookId) {
        return subscriptions.contains(webhookId);
    }

    /** The next {@code n} Account Activity unsubscriptions answer 503 (a switch of modes caught half-way). */
    synchronized void failUnsubscribe(int n) {
        unsubscribeFailures = n;
    }

    synchronized boolean failUnsubscribe() {
        if (unsubscribeFailures > 0) {
            unsubscribeFailures--;
            return true;
        }
        return false;
    }

    /** False when the webhook had no subscription. */
    synchronized boolean unsubscribe(String webhookId) {
        return subscriptions.remove(webhookId);
    }

    /** The URLs X delivers the account's events to: valid webhooks with a subscription. */
    synchronized List<String> deliveryUrls() {
        return subscriptions.stream().map(webhooks::get).filter(w -> w != null && w.valid()).map(Webhook::url).toList();
    }

    synchronized void add(Subscription subscription) {
        activity.put(subscription.id(), subscription);
    }

    synchronized boolean removeSubscription(String id) {
        return activity.remove(id) != null;
    }

    public synchronized List<Subscription> subscriptions() {
        return List.copyOf(activity.values());
    }

    /** Where the Activity API delivers an event of {@code eventType} for {@code userId}: subscription and its URL. */
    synchronized List<Map.Entry<Subscription, String>> activityTargets(String eventType, String userId) {
        List<Map.Entry<Subscription, String>> targets = new ArrayList<>();
        for (Subscription s : activity.values()) {
            Webhook webhook = s.webhookId() == null ? null : webhooks.get(s.webhookId());
            if (s.eventType().equals(eventType) && s.userId().equals(userId) && webhook != null && webhook.valid()) {
                targets.add(Map.entry(s, webhook.url()));
            }
        }
        return targets;
    }

    /** Every webhook with at least one Activity API subscription (where {@code oauth.revoke} goes). */
    synchronized List<String> activityUrls() {
        return activity.values().stream().map(s -> s.webhookId() == null ? null : webhooks.get(s.webhookId()))
                .filter(w -> w != null && w.valid()).map(Webhook::url).distinct().toList();
    }

    synchronized void add(DmEvent event) {
        events.add(event);
    }

    /** Newest first, as X lists them. */
    synchronized List<DmEvent> events() {
        List<DmEvent> list = new ArrayList<>(events);
        Collections.reverse(list);
        return list;
    }

    synchronized void uploaded(Media file) {
        media.put(file.id(), file);
    }

    public synchronized Media media(String id) {
        return id == null ? null : media.get(id);
    }

    synchronized void sent(SentDm dm) {
        sent.add(dm);
    }

    public synchronized List<SentDm> sent() {
        return List.copyOf(sent);
    }

    /** Takes one DM from the window's budget; false when it is spent. */
    synchronized boolean takeBudget() {
        rollWindow();
        if (used >= budget) {
            return false;
        }
        used++;
        return true;
    }

    synchronized int remaining() {
        rollWindow();
        return Math.max(0, budget - used);
    }

    synchronized long resetEpochSecond() {
        rollWindow();
        return windowStart + WINDOW_SECONDS;
    }

    /** A new budget, in a window that ends {@code seconds} from now (tests use a short one). */
    synchronized void budget(int budget, long windowEndsInSeconds) {
        this.budget = budget;
        this.used = 0;
        this.windowStart = Instant.now().getEpochSecond() + windowEndsInSeconds - WINDOW_SECONDS;
    }

    private void rollWindow() {
        long now = Instant.now().getEpochSecond();
        if (now >= windowStart + WINDOW_SECONDS) {
            windowStart = now;
            used = 0;
        }
    }

    synchronized void reset() {
        webhooks.clear();
        subscriptions.clear();
        activity.clear();
        unsubscribeFailures = 0;
        events.clear();
        sent.clear();
        used = 0;
    }
}
