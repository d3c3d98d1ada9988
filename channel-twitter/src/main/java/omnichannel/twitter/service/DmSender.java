package omnichannel.twitter.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.OutboundMessage;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.OrderedProcessor;
import omnichannel.platform.sending.PermanentSendFailure;
import omnichannel.platform.sending.SendOnce;
import omnichannel.platform.x.XCredentials;
import omnichannel.platform.x.XDirectMessages;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.repository.SendLog;

/**
 * Sends one outbound message as an X direct message, once: a redelivered event whose send is settled is skipped. X's
 * rate limit is respected from its headers (a spent budget or a 429 waits for the reset, holding back only this
 * conversation); server errors and timeouts are retried; any other 4xx is a permanent failure, reported as a
 * {@code DeliveryStatus} so the bridge writes it on the ticket.
 */
@ApplicationScoped
public class DmSender {

    public static final String INTERACTION_GONE = "INTERACTION_GONE";
    /** A 429 storm bounded: after this many waits in a row the send fails over to the retry policy. */
    static final int MAX_RATE_LIMIT_WAITS = 5;

    private final InteractionDirectory interactions;
    private final XApi api;
    private final RateLimits limits;
    private final SendOnce sendOnce;

    public DmSender(SendLog log, InteractionDirectory interactions, XApi api, RateLimits limits,
            KeyedPublisher<DeliveryStatus> delivery) {
        this.interactions = interactions;
        this.api = api;
        this.limits = limits;
        this.sendOnce = new SendOnce("x", log, delivery);
    }

    /** Transient: retried by the ordered consumer. */
    static class TransientSendFailure extends RuntimeException {

        TransientSendFailure(String message) {
            super(message);
        }
    }

    /**
     * Sends the DM unless it was sent already ({@link SendOnce}). A transient failure fails the Uni: the ordered
     * consumer retries it for as long as it lasts, holding back only this conversation. A permanent refusal is settled
     * as failed and reported to the bridge.
     */
    public Uni<Void> deliver(OutboundMessage message) {
        return sendOnce.deliver(message, () -> send(message))
                .onFailure(TransientSendFailure.class)
                .invoke(e -> Log.warnf("DM send failed, will retry interaction=%s correlationId=%s reason=%s",
                        message.interactionId(), message.correlationId(), e.getMessage()));
    }

    private Uni<SendOnce.Accepted> send(OutboundMessage message) {
        if (!XDirectMessages.isXId(message.recipient().id())) {
            // never pasted into the signed URL's path
            return Uni.createFrom().failure(new PermanentSendFailure("INVALID_RECIPIENT",
                    "the recipient is not an X user id"));
        }
        return interactions.interaction(message.interactionId()).chain(interaction -> {
            if (interaction == null || interaction.channel() != Channel.TWITTER_DM) {
                return Uni.createFrom().failure(new PermanentSendFailure(INTERACTION_GONE,
                        "interaction " + message.interactionId() + " no longer exists"));
            }
            return attempt(interaction, message, text(message), 0);
        });
    }

    private Uni<SendOnce.Accepted> attempt(InternalInteraction interaction, OutboundMessage message, String text,
            int rateLimitWaits) {
        String window = interaction.id() + ":dm";
        // after the wait for X's budget, and right before X: still this pod's record?
        return limits.await(window)
                .chain(OrderedProcessor::stillOwned)
                .chain(() -> api.sendDm(XCredentials.of(interaction), message.recipient().id(), text))
                .onFailure().transform(e -> new TransientSendFailure("X unreachable: " + e.getMessage()))
                .chain(response -> {
                    limits.record(window, response);
                    if (response.ok()) {
                        String dmEventId = response.body().getJsonObject("data", new io.vertx.core.json.JsonObject())
                                .getString("dm_event_id");
                        return Uni.createFrom().item(new SendOnce.Accepted(dmEventId, DeliveryStatus.State.SENT, null));
                    }
                    if (response.rateLimited()) {
                        if (rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
                            return Uni.createFrom().failure(new TransientSendFailure("X keeps answering 429"));
                        }
                        Log.infof("X rate limit reached interaction=%s, waiting %s", interaction.id(),
                                limits.waitFor(window));
                        return attempt(interaction, message, text, rateLimitWaits + 1);
                    }
                    if (response.transientFailure()) {
                        return Uni.createFrom().failure(new TransientSendFailure(response.reason()));
                    }
                    return Uni.createFrom().failure(new PermanentSendFailure("X_" + response.status(), response.reason()));
                });
    }

    /** X needs uploaded media ids for attachments; media URLs travel as links in the text. */
    static String text(OutboundMessage message) {
        if (message.mediaUrls().isEmpty()) {
            return message.text();
        }
        StringBuilder text = new StringBuilder(message.text());
        message.mediaUrls().forEach(url -> text.append(text.isEmpty() ? "" : "\n").append(url));
        return text.toString();
    }
}
