package omnichannel.gateway.rest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.gateway.service.RecentEvents;
import omnichannel.platform.interactions.ConfigServiceUnavailable;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalApi;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.x.XDirectMessages;
import omnichannel.platform.x.XSignature;

/** X's Account Activity webhook: the CRC challenge, and the signed deliveries of direct-message events. */
@Path("/webhooks/twitter")
public class TwitterWebhookResource {

    static final String SIGNATURE_HEADER = "x-twitter-webhooks-signature";

    private final InteractionDirectory interactions;
    private final KeyedPublisher<InboundMessage> publisher;
    private final ObjectMapper json;
    private final BadSignatures badSignatures;
    private final MeterRegistry metrics;

    private final InternalApi config;
    private final RecentEvents activityEvents = new RecentEvents(10_000, Duration.ofMinutes(10));

    public TwitterWebhookResource(InteractionDirectory interactions, KeyedPublisher<InboundMessage> publisher,
            ObjectMapper json, BadSignatures badSignatures, MeterRegistry metrics, @RestClient InternalApi config) {
        this.config = config;
        this.metrics = metrics;
        this.interactions = interactions;
        this.publisher = publisher;
        this.json = json.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.badSignatures = badSignatures;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "X's CRC challenge: HMAC-SHA256 of crc_token with the interaction's API secret key")
    @APIResponse(responseCode = "200", description = "{\"response_token\":\"sha256=...\"}")
    @APIResponse(responseCode = "400", description = "No crc_token, or one not shaped like X's (which could be a body)")
    @APIResponse(responseCode = "404", description = "No active X interaction with this id")
    public Uni<Map<String, String>> crc(@PathParam("id") String id, @QueryParam("crc_token") String crcToken) {
        if (crcToken == null || crcToken.isEmpty()) {
            throw new BadRequest("crc_token is required");
        }
        if (!XSignature.isCrcToken(crcToken)) {
            // signing it would hand out a valid event signature for an attacker's body
            throw new BadRequest("crc_token must be up to 256 letters, digits and - _ = + / .");
        }
        return twitterInteraction(id)
                .map(interaction -> Map.of("response_token", XSignature.crc(interaction.twitterApiSecretKey(), crcToken)));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/problem+json")
    @Operation(summary = "Direct-message events (X Account Activity webhook, or the X Activity API envelope)")
    @APIResponse(responseCode = "200", description = "Kafka has every message of the delivery (possibly none)")
    @APIResponse(responseCode = "400", description = "Not JSON, or an event without id or sender")
    @APIResponse(responseCode = "403", description = "x-twitter-webhooks-signature does not match the body, or the "
            + "delivery is for another X account (for_user_id)")
    @APIResponse(responseCode = "404", description = "No active X interaction with this id")
    @APIResponse(responseCode = "503", description = "Kafka or config-service unavailable; X retries")
    public Uni<Response> events(@PathParam("id") String id, @HeaderParam(SIGNATURE_HEADER) String signature,
            byte[] body) {
        Instant receivedAt = Instant.now();
        return twitterInteraction(id)
                .invoke(interaction -> authenticate(interaction, body, signature))
                .chain(interaction -> {
                    JsonNode root = parse(body);
                    requireOwnAccount(interaction, root);
                    String eventType = XDirectMessages.activityEventType(root);
                    if ("oauth.revoke".equals(eventType)) {
                        return revoked(interaction, root).replaceWith(List.<InboundMessage>of());
                    }
                    String eventUuid = XDirectMessages.activityEventUuid(root);
                    if (activityEvents.taken(interaction.id(), eventUuid)) {
                        // an Activity API delivery published here already: the bridge would drop its DM ids anyway
                        return Uni.createFrom().item(List.<InboundMessage>of());
                    }
                    List<InboundMessage> messages = XDirectMessages.normalise(interaction.id(),
                            interaction.twitterUserId(), root, receivedAt);
                    return publishInOrder(messages)
                            .invoke(() -> activityEvents.remember(interaction.id(), eventUuid))
                            .replaceWith(messages);
                })
                .invoke(messages -> Log.infof("X delivery accepted interaction=%s messages=%d", id, messages.size()))
                .map(messages -> Response.ok().build());
    }

    /**
     * X's {@code oauth.revoke}: the account took the app's access back. config-service marks the interaction as needing
     * a new connection (sends stop, the alert fires); a failure answers 503 so that X delivers it again.
     */
    private Uni<Void> revoked(InternalInteraction interaction, JsonNode root) {
        String userId = root.path("data").path("payload").path("user_id").asText(null);
        if (userId == null || !userId.equals(interaction.twitterUserId())) {
            Log.infof("X oauth.revoke for another account ignored interaction=%s", interaction.id());
            return Uni.createFrom().voidItem();
        }
        Log.warnf("X oauth.revoke: the account revoked the app interaction=%s", interaction.id());
        return config.xConnectionRevoked(interaction.id())
                .onFailure().transform(ConfigServiceUnavailable::new);
    }

    private Uni<Void> publishInOrder(List<InboundMessage> messages) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (InboundMessage message : messages) {
            chain = chain.chain(() -> publisher.publish(message));
        }
        return chain;
    }

    private Uni<InternalInteraction> twitterInteraction(String id) {
        return interactions.interaction(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .invoke(interaction -> {
                    if (interaction.channel() != Channel.TWITTER_DM || !interaction.active()
                            || interaction.twitterApiSecretKey() == null) {
                        throw new NotFound("interaction " + id);
                    }
                });
    }

    private void authenticate(InternalInteraction interaction, byte[] body, String signature) {
        if (!XSignature.isValid(interaction.twitterApiSecretKey(), body, signature)) {
            badSignatures.handle(interaction, SIGNATURE_HEADER + " over the body");
        }
    }

    /**
     * A delivery for another account is refused even when its signature is valid: the same X app (same secret) may
     * serve several accounts, and each interaction takes only its own account's events.
     */
    private void requireOwnAccount(InternalInteraction interaction, JsonNode root) {
        String forUser = root.isObject() ? XDirectMessages.forUser(root) : null;
        if (forUser != null && !XDirectMessages.isXId(forUser)) {
            throw new XDirectMessages.InvalidEvent("'for_user_id' is not an X id");
        }
        if (forUser != null && interaction.twitterUserId() != null && !forUser.equals(interaction.twitterUserId())) {
            metrics.counter("omnichannel.webhook.foreign.account", "interaction", interaction.id()).increment();
            Log.warnf("rejected an X delivery for another account interaction=%s", interaction.id());
            throw new Forbidden("the delivery is for another X account than this interaction's");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null) {
                throw new BadRequest("the body is empty");
            }
            return root;
        } catch (IOException e) {
            throw new BadRequest("the body is not valid JSON");
        }
    }
}
