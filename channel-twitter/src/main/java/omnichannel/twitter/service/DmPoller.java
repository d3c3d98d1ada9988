package omnichannel.twitter.service;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.x.XCredentials;
import omnichannel.platform.x.XDirectMessages;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.client.XAuth;
import omnichannel.twitter.client.XResponse;
import omnichannel.twitter.config.TwitterConfig;
import omnichannel.twitter.repository.TwitterStore;

/**
 * Where webhooks are not available (POLLING interactions): reads {@code GET /2/dm_events} at an interval and publishes
 * every DM newer than the stored cursor, oldest first, as inbound messages like the gateway's (one normalisation, one
 * echo filter: {@link XDirectMessages}). The
 * cursor moves only after Kafka has the messages, so a crash repeats a poll rather than losing a DM, and the bridge
 * drops the repeat by its event id. The first poll of an interaction only sets the cursor: a month of history does not
 * become tickets. The endpoint's rate limit is read from its headers; a spent budget skips polls until the reset.
 */
@ApplicationScoped
public class DmPoller {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwitterStore store;
    private final InteractionDirectory interactions;
    private final XApi api;
    private final RateLimits limits;
    private final KeyedPublisher<InboundMessage> publisher;
    private final Duration interval;

    public DmPoller(TwitterStore store, InteractionDirectory interactions, XApi api, RateLimits limits,
            KeyedPublisher<InboundMessage> publisher,
            TwitterConfig config) {
        this.interval = config.polling().interval();
        this.store = store;
        this.interactions = interactions;
        this.api = api;
        this.limits = limits;
        this.publisher = publisher;
    }

    @Scheduled(every = "${twitter.polling.interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> pollAll() {
        // held for most of an interval, so that the next round (here or on another instance) polls it again
        return store.claimDue(interval.multipliedBy(9).dividedBy(10)).chain(cursors -> Multi.createFrom().iterable(cursors)
                .onItem().transformToUniAndConcatenate(cursor -> poll(cursor).onFailure().recoverWithItem(e -> {
                    Log.warnf("polling X DMs failed interaction=%s, next interval retries: %s", cursor.interactionId(),
                            e.getMessage());
                    return null;
                }))
                .collect().last())
                .replaceWithVoid();
    }

    Uni<Void> poll(TwitterStore.Cursor cursor) {
        String window = cursor.interactionId() + ":dm_events";
        if (!limits.waitFor(window).isZero()) {
            return Uni.createFrom().voidItem();
        }
        return interactions.interaction(cursor.interactionId()).chain(interaction -> {
            if (interaction == null || interaction.channel() != Channel.TWITTER_DM || !interaction.polling()
                    || !interaction.active()) {
                return store.polling(cursor.interactionId(), false);
            }
            return newer(interaction, window, cursor.newestEventId(), null, new Page(new ArrayList<>(), new HashMap<>()))
                    .chain(page -> page == null ? Uni.createFrom().voidItem() : publish(interaction, cursor, page));
        });
    }

    private record Page(List<JsonObject> events, Map<String, JsonObject> users) {
    }

    /**
     * Every event newer than the cursor: X answers newest first, so older pages are followed until one reaches the
     * cursor (or the account's history ends). When the rate limit stops the walk before that, the result is null and
     * nothing is published: the newer events must not go out before the older unread ones, and the cursor must not
     * pass them. The next poll after the reset reads them all.
     */
    private Uni<Page> newer(InternalInteraction interaction, String window, String cursor, String token, Page found) {
        return api.dmEvents(XAuth.oauth1(XCredentials.of(interaction)), token).chain(answer -> {
            limits.record(window, answer);
            if (!answer.ok()) {
                return Uni.createFrom().failure(new IllegalStateException("GET /2/dm_events: " + answer.reason()));
            }
            boolean reachedCursor = collect(answer, cursor, found);
            String next = answer.body().getJsonObject("meta", new JsonObject()).getString("next_token");
            if (cursor == null || reachedCursor || next == null) {
                return Uni.createFrom().item(found);
            }
            if (!limits.waitFor(window).isZero()) {
                Log.infof("X rate limit reached after %d unread DM(s) interaction=%s: read again after the reset",
                        found.events().size(), interaction.id());
                return Uni.createFrom().nullItem();
            }
            return newer(interaction, window, cursor, next, found);
        });
    }

    private static boolean collect(XResponse answer, String cursor, Page found) {
        answer.body().getJsonObject("includes", new JsonObject()).getJsonArray("users", new JsonArray())
                .forEach(user -> {
                    if (user instanceof JsonObject u && u.getString("id") != null) {
                        found.users().put(u.getString("id"), u);
                    }
                });
        boolean reached = false;
        for (Object item : answer.body().getJsonArray("data", new JsonArray())) {
            if (!(item instanceof JsonObject event) || !XDirectMessages.isXId(event.getString("id"))) {
                continue;
            }
            if (cursor != null && !isNewer(event.getString("id"), cursor)) {
                reached = true;
                continue;
            }
            found.events().add(event);
        }
        return reached;
    }

    private Uni<Void> publish(InternalInteraction interaction, TwitterStore.Cursor cursor, Page page) {
        List<JsonObject> events = new ArrayList<>(page.events());
        events.sort(Comparator.comparing(e -> new BigInteger(e.getString("id"))));
        if (cursor.newestEventId() == null) {
            // "0" when the account has no DMs yet: everything after this poll is new
            String start = events.isEmpty() ? "0" : events.get(events.size() - 1).getString("id");
            Log.infof("first poll of interaction=%s: cursor set at %s, earlier DMs not imported", interaction.id(), start);
            return store.advance(interaction.id(), start);
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String newest = events.get(events.size() - 1).getString("id");
        Instant receivedAt = Instant.now();
        List<InboundMessage> messages = new ArrayList<>();
        for (JsonObject event : events) {
            JsonObject user = page.users().get(event.getString("sender_id"));
            try {
                XDirectMessages.fromDmEvent(interaction.id(), interaction.twitterUserId(), JSON.readTree(event.encode()),
                        user == null ? null : JSON.readTree(user.encode()), receivedAt).ifPresent(messages::add);
            } catch (XDirectMessages.InvalidEvent | IOException e) {
                Log.warnf("X dm_event skipped interaction=%s: %s", interaction.id(), e.getMessage());
            }
        }
        return publisher.publishInOrder(messages).chain(() -> store.advance(interaction.id(), newest))
                .invoke(() -> Log.infof("polled %d new DM(s) interaction=%s", messages.size(), interaction.id()));
    }

    /** X ids are 64-bit snowflakes in strings: newer means numerically greater. */
    static boolean isNewer(String id, String than) {
        try {
            return new BigInteger(id).compareTo(new BigInteger(than)) > 0;
        } catch (NumberFormatException e) {
            return id.compareTo(than) > 0;
        }
    }
}
