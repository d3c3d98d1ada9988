package omnichannel.twitter.service;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.OutboundMessage;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.OrderedProcessor;
import omnichannel.platform.sending.PermanentSendFailure;
import omnichannel.platform.sending.SendOnce;
import omnichannel.platform.x.XDirectMessages;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.client.XAuth;
import omnichannel.twitter.client.XUserTokens;
import omnichannel.twitter.repository.SentDmStore;

/**
 * Sends one outbound message as an X direct message, once: a redelivered event whose send is settled is skipped. X's
 * rate limit is respected from its headers (a spent budget or a 429 waits for the reset, holding back only this
 * conversation); server errors and timeouts are retried; any other 4xx is a permanent failure, reported as a
 * {@code DeliveryStatus} so the bridge writes it on the ticket.
 */
@ApplicationScoped
public class DmSender {

    public static final String INTERACTION_GONE = "INTERACTION_GONE";
    /** The Activity API mode's OAuth 2.0 grant is gone (revoked, refused): an admin must connect the account again. */
    public static final String NOT_CONNECTED = "X_NOT_CONNECTED";
    /** A 429 storm bounded: after this many waits in a row the send fails over to the retry policy. */
    static final int MAX_RATE_LIMIT_WAITS = 5;

    private final InteractionDirectory interactions;
    private final XApi api;
    private final RateLimits limits;
    private final SendOnce sendOnce;
    private final SentDmStore log;
    private final String ownLinks;

    /** X keeps an uploaded file 24 hours: a send retried within 23 reuses the upload (the link it came from is spent). */
    static final Duration MEDIA_REUSE = Duration.ofHours(23);
    /** Uploads tried in place before the DM goes without its file: the file cannot be fetched a second time. */
    static final int UPLOAD_TRIES = 3;

    private final XUserTokens tokens;

    public DmSender(SentDmStore log, InteractionDirectory interactions, XApi api, RateLimits limits,
            KeyedPublisher<DeliveryStatus> delivery, XUserTokens tokens,
            @ConfigProperty(name = "omnichannel.public-base-url") String publicBaseUrl) {
        this.tokens = tokens;
        this.log = log;
        this.ownLinks = publicBaseUrl.replaceAll("/+$", "") + "/media/";
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
            return tokens.auth(interaction)
                    .onFailure(XUserTokens.NotConnected.class).transform(e -> new PermanentSendFailure(
                            NOT_CONNECTED, e.getMessage()))
                    .chain(auth -> attachment(interaction, auth, message)
                            .chain(dm -> attempt(interaction, auth, message, dm.text(), dm.mediaId(), 0, false)));
        });
    }

    /** The DM's text and the id of the file uploaded for it, if any. */
    record Dm(String text, String mediaId) {
    }

    /**
     * X takes one file per DM, uploaded first: the first of our own links (an attendant's file, served once by the
     * gateway) is fetched and uploaded as {@code dm_image}, {@code dm_gif} or {@code dm_video}; any other URL (a
     * Helper image on the web) travels as a link in the text. A file X cannot take (a PDF), one more than the first, or
     * one whose link no longer opens is said in the text instead.
     */
    Uni<Dm> attachment(InternalInteraction interaction, XAuth auth, OutboundMessage message) {
        List<String> ours = message.mediaUrls().stream().filter(url -> url.startsWith(ownLinks)).toList();
        StringBuilder text = new StringBuilder(message.text());
        message.mediaUrls().stream().filter(url -> !url.startsWith(ownLinks))
                .forEach(url -> text.append(text.isEmpty() ? "" : "\n").append(url));
        if (ours.size() > 1) {
            text.append(text.isEmpty() ? "" : "\n").append("(+").append(ours.size() - 1)
                    .append(ours.size() == 2 ? " arquivo no chamado)" : " arquivos no chamado)");
        }
        if (ours.isEmpty()) {
            return Uni.createFrom().item(new Dm(text.toString(), null));
        }
        return log.mediaId(message.eventId(), MEDIA_REUSE).chain(uploaded -> uploaded != null
                ? Uni.createFrom().item(new Dm(text.toString(), uploaded))
                : upload(interaction, auth, message, ours.get(0), text));
    }

    private Uni<Dm> upload(InternalInteraction interaction, XAuth auth, OutboundMessage message, String link,
            StringBuilder text) {
        return api.fetch(link)
                .onFailure().transform(e -> new TransientSendFailure("our media link: " + e.getMessage()))
                .chain(file -> {
                    if (file.status() / 100 == 5) {
                        return Uni.createFrom().failure(new TransientSendFailure("our media link answered "
                                + file.status()));
                    }
                    String type = file.contentType() == null ? "" : file.contentType().split(";")[0].strip();
                    String category = category(type);
                    if (file.status() != 200 || category == null) {
                        String note = file.status() != 200
                                ? "(o arquivo anexado não pôde ser enviado por aqui)"
                                : "(arquivo " + type + " disponível no chamado)";
                        Log.infof("DM sent without its file (%s) interaction=%s correlationId=%s", file.status() != 200
                                ? "link answered " + file.status()
                                : type, interaction.id(), message.correlationId());
                        return Uni.createFrom().item(new Dm(text + (text.isEmpty() ? "" : "\n") + note, null));
                    }
                    return api.uploadMedia(auth, category, type, file.content())
                            .map(response -> {
                                if (!response.ok()) {
                                    throw new TransientSendFailure("X media upload: " + response.reason());
                                }
                                return response.body().getJsonObject("data", new JsonObject())
                                        .getString("id");
                            })
                            .onFailure().retry().withBackOff(Duration.ofSeconds(1)).atMost(UPLOAD_TRIES - 1)
                            .chain(id -> log.mediaUploaded(message.eventId(), id).replaceWith(new Dm(text.toString(), id)))
                            .onFailure().recoverWithItem(e -> {
                                Log.warnf("X refused the file, DM sent without it interaction=%s correlationId=%s: %s",
                                        interaction.id(), message.correlationId(), e.getMessage());
                                return new Dm(text + (text.isEmpty() ? "" : "\n")
                                        + "(o arquivo anexado não pôde ser enviado por aqui)", null);
                            });
                });
    }

    /** X's media category for a DM's file, or null when X takes no such file in a DM. */
    static String category(String contentType) {
        return switch (contentType.toLowerCase(Locale.ROOT)) {
            case "image/jpeg", "image/png", "image/webp" -> "dm_image";
            case "image/gif" -> "dm_gif";
            case "video/mp4" -> "dm_video";
            default -> null;
        };
    }

    private Uni<SendOnce.Accepted> attempt(InternalInteraction interaction, XAuth auth, OutboundMessage message,
            String text, String mediaId, int rateLimitWaits, boolean renewed) {
        String window = interaction.id() + ":dm";
        // after the wait for X's budget, and right before X: still this pod's record?
        return limits.await(window)
                .chain(OrderedProcessor::stillOwned)
                .chain(() -> api.sendDm(auth, message.recipient().id(), text, mediaId))
                .onFailure().transform(e -> new TransientSendFailure("X unreachable: " + e.getMessage()))
                .chain(response -> {
                    limits.record(window, response);
                    if (response.ok()) {
                        String dmEventId = response.body().getJsonObject("data", new JsonObject())
                                .getString("dm_event_id");
                        return Uni.createFrom().item(new SendOnce.Accepted(dmEventId, DeliveryStatus.State.SENT, null));
                    }
                    if (response.rateLimited()) {
                        if (rateLimitWaits >= MAX_RATE_LIMIT_WAITS) {
                            return Uni.createFrom().failure(new TransientSendFailure("X keeps answering 429"));
                        }
                        Log.infof("X rate limit reached interaction=%s, waiting %s", interaction.id(),
                                limits.waitFor(window));
                        return attempt(interaction, auth, message, text, mediaId, rateLimitWaits + 1, renewed);
                    }
                    if (response.transientFailure()) {
                        return Uni.createFrom().failure(new TransientSendFailure(response.reason()));
                    }
                    if (response.status() == 401 && auth.oauth2() && !renewed) {
                        // the token held here was revoked or replaced: once, with what config-service holds now (a
                        // revoked grant ends as X_NOT_CONNECTED there)
                        tokens.invalidate(interaction.id());
                        return tokens.auth(interaction)
                                .onFailure(XUserTokens.NotConnected.class).transform(e -> new PermanentSendFailure(
                                        NOT_CONNECTED, e.getMessage()))
                                .chain(fresh -> attempt(interaction, fresh, message, text, mediaId, rateLimitWaits,
                                        true));
                    }
                    return Uni.createFrom().failure(new PermanentSendFailure("X_" + response.status(), response.reason()));
                });
    }

}
