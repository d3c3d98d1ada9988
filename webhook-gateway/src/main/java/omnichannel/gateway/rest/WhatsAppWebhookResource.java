package omnichannel.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.events.TwilioStatusCallback;
import omnichannel.gateway.config.GatewayConfig;
import omnichannel.gateway.service.WhatsAppInbound;
import omnichannel.gateway.service.WhatsAppStatus;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.twilio.SelfTest;
import omnichannel.platform.twilio.TwilioSignature;

/** Twilio's WhatsApp webhook: authenticate, normalise, hand to Kafka, and only then say 200. */
@Path("/webhooks/whatsapp")
public class WhatsAppWebhookResource {

    /** An empty TwiML answer: Twilio sends nothing to the person (a text/plain body would be sent as a message). */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final InteractionDirectory interactions;
    private final KeyedPublisher<InboundMessage> publisher;
    private final KeyedPublisher<TwilioStatusCallback> statusCallbacks;
    private final String publicBaseUrl;
    private final BadSignatures badSignatures;
    private final MeterRegistry metrics;

    public WhatsAppWebhookResource(InteractionDirectory interactions, KeyedPublisher<InboundMessage> publisher,
            KeyedPublisher<TwilioStatusCallback> statusCallbacks, GatewayConfig config, BadSignatures badSignatures,
            MeterRegistry metrics) {
        this.metrics = metrics;
        this.interactions = interactions;
        this.publisher = publisher;
        this.statusCallbacks = statusCallbacks;
        this.publicBaseUrl = config.publicBaseUrl().replaceAll("/+$", "");
        this.badSignatures = badSignatures;
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_XML, "application/problem+json"})
    @Operation(summary = "Inbound WhatsApp message (Twilio webhook)")
    @APIResponse(responseCode = "200", description = "Kafka has the message; empty TwiML")
    @APIResponse(responseCode = "400", description = "Malformed form, contradictory parameters, or a From that is "
            + "neither a phone number nor a WhatsApp user id")
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature does not match")
    @APIResponse(responseCode = "404", description = "No active WhatsApp interaction with this id")
    @APIResponse(responseCode = "503", description = "Kafka or config-service unavailable; Twilio may retry")
    public Uni<Response> message(@PathParam("id") String id, @HeaderParam("X-Twilio-Signature") String signature,
            @Context HttpServerRequest request, byte[] body) {
        Instant receivedAt = Instant.now();
        Map<String, List<String>> params = FormBody.parse(body);
        Uni<InternalInteraction> authenticated = authenticated(id, request, params, signature);
        if (params.containsKey(SelfTest.PARAMETER)) {
            // a self-test that passed only because of log-only mode says so: verification must not call it authenticated
            return authenticated.map(interaction -> Response.ok(EMPTY_TWIML, MediaType.TEXT_XML)
                    .header(SelfTest.HEADER, signedByTwilio(interaction, publicUrl(request), params, signature)
                            ? SelfTest.AUTHENTICATED
                            : SelfTest.LOG_ONLY)
                    .build());
        }
        return authenticated
                .map(interaction -> WhatsAppInbound.normalise(interaction.id(), params, receivedAt))
                .onFailure(WhatsAppInbound.InvalidSender.class)
                .invoke(() -> metrics.counter("omnichannel.webhook.invalid.senders", "interaction", id).increment())
                .call(publisher::publish)
                // DEBUG: at saturation one INFO line per webhook was 7 % of the gateway's CPU; the accepted count is
                // the HTTP server metric and the bridge logs each message it handles
                .invoke(message -> Log.debugf("inbound accepted interaction=%s correlationId=%s media=%d", id,
                        message.correlationId(), message.attachments().size()))
                .map(WhatsAppWebhookResource::twimlOk);
    }

    @POST
    @Path("/{id}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces("application/problem+json")
    @Operation(summary = "Status callback of a message we sent (the StatusCallback URL of our sends)")
    @APIResponse(responseCode = "204", description = "Kafka has the status")
    @APIResponse(responseCode = "400", description = "Malformed form, missing MessageSid/MessageStatus/To")
    @APIResponse(responseCode = "403", description = "X-Twilio-Signature does not match")
    @APIResponse(responseCode = "404", description = "No active WhatsApp interaction with this id")
    @APIResponse(responseCode = "503", description = "Kafka or config-service unavailable; Twilio may retry")
    public Uni<Response> status(@PathParam("id") String id, @HeaderParam("X-Twilio-Signature") String signature,
            @Context HttpServerRequest request, byte[] body) {
        Instant receivedAt = Instant.now();
        Map<String, List<String>> params = FormBody.parse(body);
        return authenticated(id, request, params, signature)
                .map(interaction -> WhatsAppStatus.normalise(interaction.id(), params, receivedAt))
                .call(statusCallbacks::publish)
                .invoke(status -> Log.debugf("status accepted interaction=%s sid=%s state=%s error=%s", id,
                        status.providerMessageId(), status.state(), status.errorCode()))
                .map(status -> Response.noContent().build());
    }

    private Uni<InternalInteraction> authenticated(String id, HttpServerRequest request, Map<String, List<String>> params,
            String signature) {
        String url = publicUrl(request);
        return interactions.interaction(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .invoke(interaction -> authenticate(interaction, url, params, signature));
    }

    private void authenticate(InternalInteraction interaction, String url, Map<String, List<String>> params, String signature) {
        if (interaction.channel() != Channel.WHATSAPP_TWILIO || !interaction.active()) {
            throw new NotFound("interaction " + interaction.id());
        }
        if (!signedByTwilio(interaction, url, params, signature)) {
            badSignatures.handle(interaction, "X-Twilio-Signature");
        }
    }

    /** Signed with the Auth Token, or with the secondary one while the account rotates it (as Twilio documents). */
    private static boolean signedByTwilio(InternalInteraction interaction, String url, Map<String, List<String>> params,
            String signature) {
        return TwilioSignature.isValid(interaction.twilioAuthToken(), url, params, signature)
                || interaction.twilioSecondaryAuthToken() != null
                        && TwilioSignature.isValid(interaction.twilioSecondaryAuthToken(), url, params, signature);
    }

    /** The URL Twilio called: the public base plus the raw path and query this request arrived with. */
    private String publicUrl(HttpServerRequest request) {
        return publicBaseUrl + request.uri();
    }

    private static Response twimlOk(InboundMessage message) {
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build();
    }
}
