package omnichannel.twitter.service;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;
import omnichannel.twitter.client.ConfigServiceClient;
import omnichannel.twitter.client.Interaction;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.client.XResponse;
import omnichannel.twitter.messaging.InboundPublisher;

/**
 * Where webhooks are not available (POLLING interactions): reads {@code GET /2/dm_events} at an interval and publishes
 * the DMs newer than the stored cursor, oldest first, as inbound messages like the gateway's (same echo filter). The
 * cursor moves only after Kafka has the messages, so a crash repeats a poll rather than losing a DM, and the bridge
 * drops the repeat by its event id. The first poll of an interaction only sets the cursor: a month of history does not
 * become tickets. The endpoint's rate limit is read from its headers; a spent budget skips polls until the reset.
 */
@ApplicationScoped
public class DmPoller {

    /** Pages read per poll at most (100 events each): a longer gap is caught up over the next polls. */
    static final int MAX_PAGES = 5;

    private final TwitterStore store;
    private final ConfigServiceClient interactions;
    private final XApi api;
    private final RateLimits limits;
    private final InboundPublisher publisher;
    private final java.time.Duration interval;

    public DmPoller(TwitterStore store, ConfigServiceClient interactions, XApi api, RateLimits limits,
            InboundPublisher publisher,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "twitter.polling.interval") java.time.Duration interval) {
        this.interval = interval;
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
            return newer(interaction, window, cursor.newestEventId(), null, 0, new Page(new ArrayList<>(), new HashMap<>()))
                    .chain(page -> publish(interaction, cursor, page));
        });
    }

    private record Page(List<JsonObject> events, Map<String, JsonObject> users) {
    }

    /** The events newer than the cursor, following older pages while a whole page is newer. */
    private Uni<Page> newer(Interaction interaction, String window, String cursor, String token, int pages, Page found) {
        return api.dmEvents(interaction.credentials(), token).chain(answer -> {
            limits.record(window, answer);
            if (!answer.ok()) {
                return Uni.createFrom().failure(new IllegalStateException("GET /2/dm_events: " + answer.reason()));
            }
            boolean reachedCursor = collect(answer, cursor, found);
            String next = answer.body().getJsonObject("meta", new JsonObject()).getString("next_token");
            if (cursor == null || reachedCursor || next == null || pages + 1 >= MAX_PAGES) {
                return Uni.createFrom().item(found);
            }
            return newer(interaction, window, cursor, next, pages + 1, found);
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
            if (!(item instanceof JsonObject event) || event.getString("id") == null) {
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

    private Uni<Void> publish(Interaction interaction, TwitterStore.Cursor cursor, Page page) {
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
        List<InboundMessage> messages = events.stream()
                .filter(e -> "MessageCreate".equals(e.getString("event_type", "MessageCreate")))
                .filter(e -> e.getString("sender_id") != null && !e.getString("sender_id").equals(interaction.twitterUserId()))
                .map(e -> message(interaction, e, page.users().get(e.getString("sender_id")), receivedAt))
                .toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (InboundMessage message : messages) {
            chain = chain.chain(() -> publisher.publish(message));
        }
        return chain.chain(() -> store.advance(interaction.id(), newest))
                .invoke(() -> Log.infof("polled %d new DM(s) interaction=%s", messages.size(), interaction.id()));
    }

    private static InboundMessage message(Interaction interaction, JsonObject event, JsonObject user,
            Instant receivedAt) {
        String id = event.getString("id");
        Instant occurredAt = receivedAt;
        try {
            occurredAt = event.getString("created_at") == null ? receivedAt : Instant.parse(event.getString("created_at"));
        } catch (RuntimeException e) {
            // keep the receive time
        }
        return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, occurredAt, interaction.id(),
                Channel.TWITTER_DM, id, id, new Participant(event.getString("sender_id"),
                        user == null ? null : user.getString("name"), user == null ? null : user.getString("username"),
                        null),
                interaction.twitterUserId(), event.getString("text", ""), List.of(), null, null, null, false, false,
                receivedAt, Map.of("event", List.of(event.encode())));
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
