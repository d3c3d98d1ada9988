package omnichannel.config.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import omnichannel.config.config.OmnichannelConfig;

/** An interaction's traffic as ticket-bridge saw it, asked on the person's behalf ({@link OnBehalfCalls}). */
@ApplicationScoped
public class InteractionTraffic {

    /** ticket-bridge's figures, or why they could not be had ({@code problem}). */
    @TemplateData
    public record Traffic(String lastMessageIn, long messagesLast24h, String lastAnswerSent,
            long deliveryFailuresLast24h, String problem) {
    }

    private final OnBehalfCalls calls;
    private final OmnichannelConfig config;

    public InteractionTraffic(OnBehalfCalls calls, OmnichannelConfig config) {
        this.calls = calls;
        this.config = config;
    }

    public Uni<Traffic> of(String interactionId, String accessToken) {
        return calls.call("GET", "ticket-bridge", config.ticketBridgeUrl(), "TICKET_BRIDGE_URL",
                "/api/v1/interactions/" + OnBehalfCalls.segment(interactionId) + "/health", accessToken).map(answer -> {
                    if (answer.problem() != null) {
                        return new Traffic(null, 0, null, 0, answer.problem());
                    }
                    JsonObject json = answer.json();
                    return new Traffic(json.getString("lastMessageIn"), json.getLong("messagesLast24h", 0L),
                            json.getString("lastAnswerSent"), json.getLong("deliveryFailuresLast24h", 0L), null);
                });
    }
}
