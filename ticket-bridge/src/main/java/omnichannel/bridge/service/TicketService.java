package omnichannel.bridge.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.ConfigServiceClient;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.client.Interaction;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;

/** Turns an inbound message into a requester and a ticket in 4biz, and the acknowledgement the person receives. */
@ApplicationScoped
public class TicketService {

    private final ConfigServiceClient interactions;
    private final FourBizClient fourBiz;
    private final BridgeConfig config;

    public TicketService(ConfigServiceClient interactions, FourBizClient fourBiz, BridgeConfig config) {
        this.interactions = interactions;
        this.fourBiz = fourBiz;
        this.config = config;
    }

    /**
     * Every step is idempotent (requester by login, ticket by numberOrigin), so the whole is retried on a transient
     * failure: timeouts, 5xx and 4biz's INTERNAL errors, with exponential back-off and jitter for about two minutes,
     * long enough to ride out a 60 s 4biz outage.
     */
    @Retry(maxRetries = 40, delay = 200, jitter = 100, maxDuration = 180, durationUnit = ChronoUnit.SECONDS, abortOn = PermanentFailure.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<OutboundMessage> openTicket(InboundMessage message) {
        return interaction(message.interactionId())
                .chain(interaction -> createRequesterAndTicket(interaction, message)
                        .map(ticket -> acknowledgement(message, ticket)))
                .onFailure(FourBizException.class).transform(TicketService::classify)
                .onFailure(e -> !(e instanceof PermanentFailure))
                .invoke(e -> Log.warnf("4biz call failed, will retry interaction=%s correlationId=%s reason=%s",
                        message.interactionId(), message.correlationId(), e.getMessage()));
    }

    private Uni<Interaction> interaction(String id) {
        return interactions.interaction(id)
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .transform(e -> new PermanentFailure("interaction " + id + " no longer exists", e));
    }

    private Uni<FourBizClient.Ticket> createRequesterAndTicket(Interaction interaction, InboundMessage message) {
        Participant sender = message.sender();
        String login = requesterLogin(message);
        String name = sender.displayName() != null ? sender.displayName() : login;
        FourBizClient.NewTicket ticket = new FourBizClient.NewTicket(
                OriginKeys.ticket(message.interactionId(), message.providerMessageId()), description(message, name), login,
                name, sender.phoneNumber(), config.defaultContractId(), interaction.defaultActivityId(),
                interaction.contactOriginId());
        return fourBiz.synchronizeRequester(new FourBizClient.Requester(login, name, sender.phoneNumber(),
                interaction.defaultUnitId(), interaction.defaultGroupId()))
                .chain(() -> fourBiz.createTicket(ticket))
                .invoke(created -> Log.infof("ticket %s for interaction=%s correlationId=%s", created.number(),
                        message.interactionId(), message.correlationId()));
    }

    /** {@code whatsapp_<E.164 digits>} / {@code twitter_<user id>}: one requester per person. */
    static String requesterLogin(InboundMessage message) {
        String id = message.sender().id();
        return switch (message.channel()) {
            case WHATSAPP_TWILIO -> "whatsapp_" + (id.startsWith("+") ? id.substring(1) : id);
            case TWITTER_DM -> "twitter_" + id;
        };
    }

    private static String description(InboundMessage message, String name) {
        StringBuilder text = new StringBuilder()
                .append("Mensagem recebida por ").append(channelName(message.channel()))
                .append(" de ").append(name).append(" (").append(message.sender().id()).append("):\n\n")
                .append(message.text());
        if (!message.attachments().isEmpty()) {
            text.append("\n\nAnexos:");
            message.attachments().forEach(a -> text.append("\n- ").append(a.url())
                    .append(a.contentType() == null ? "" : " (" + a.contentType() + ")"));
        }
        if (message.location() != null) {
            text.append("\n\nLocalização: ").append(message.location().latitude()).append(',')
                    .append(message.location().longitude());
        }
        return text.toString();
    }

    private static String channelName(Channel channel) {
        return channel == Channel.WHATSAPP_TWILIO ? "WhatsApp" : "X (Twitter)";
    }

    private OutboundMessage acknowledgement(InboundMessage message, FourBizClient.Ticket ticket) {
        String name = message.sender().displayName();
        String text = config.texts().acknowledgement()
                .replace("{greeting}", name == null || name.isBlank() ? "" : ", " + name)
                .replace("{ticket}", ticket.number());
        return new OutboundMessage(OriginKeys.outbound(message.eventId(), "ack"), Event.SCHEMA_VERSION,
                Instant.now(), message.interactionId(), message.channel(), message.correlationId(),
                OutboundMessage.Purpose.TICKET_ACKNOWLEDGEMENT, message.sender(), text, null, ticket.number(),
                message.receivedAt(), java.util.Map.of("1", ticket.number()));
    }

    private static Throwable classify(Throwable failure) {
        FourBizException e = (FourBizException) failure;
        return e.isPermanent() ? new PermanentFailure(e.getMessage(), e) : e;
    }
}
