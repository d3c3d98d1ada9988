package omnichannel.bridge.service;

import java.time.Instant;
import java.time.LocalDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.PermanentFailure;

/** Requesters, tickets and follow-ups in 4biz, each write keyed so that repeating it changes nothing. */
@ApplicationScoped
public class TicketService {

    static final String FOLLOW_UP_CATEGORY = "Acompanhamento";

    private final InteractionDirectory config;
    private final FourBizClient fourBiz;
    private final BridgeConfig bridge;
    private final BridgeMetrics metrics;
    private final People people;

    public TicketService(InteractionDirectory config, FourBizClient fourBiz, BridgeConfig bridge, BridgeMetrics metrics,
            People people) {
        this.people = people;
        this.config = config;
        this.fourBiz = fourBiz;
        this.bridge = bridge;
        this.metrics = metrics;
    }

    /**
     * Finds the requester ({@link People}: linked, looked up in 4biz, or as the interaction's policy says) and opens
     * a ticket for the message with the interaction's defaults and the
     * default contract (parameter 118); the person is told the ticket's number.
     */
    Uni<Void> openTicket(InternalInteraction interaction, Conversation conversation, Turn turn, String description) {
        InboundMessage message = turn.message();
        // the ticket's contact is the person who wrote, whoever the requester turns out to be
        String name = conversation.displayName() != null
                ? conversation.displayName()
                : requesterLogin(message.channel(), message.sender().id());
        String phone = message.sender().phoneNumber();
        return contract().chain(contract -> people.requester(interaction, conversation, message)
                .chain(login -> fourBiz.createTicket(new FourBizClient.NewTicket(
                        OriginKeys.ticket(message.interactionId(), message.providerMessageId()), description,
                        login, name, phone, contract, interaction.defaultActivityId()))))
                .invoke(ticket -> {
                    Log.infof("ticket %s for interaction=%s correlationId=%s", ticket.number(), interaction.id(),
                            message.correlationId());
                    metrics.ticketCreated(interaction.id());
                    conversation.ticketOpened(ticket.number(), ticket.statusCode(), message.correlationId());
                    turn.reply(Purpose.TICKET_ACKNOWLEDGEMENT, acknowledgement(interaction, conversation,
                            message.receivedAt()), null);
                })
                .replaceWithVoid();
    }

    /** Adds the message to the conversation's open ticket as a follow-up. */
    Uni<Void> followUp(InternalInteraction interaction, Conversation conversation, InboundMessage message) {
        return fourBiz.createOccurrence(new FourBizClient.NewOccurrence(conversation.ticketNumber(),
                OriginKeys.followUp(message.interactionId(), message.providerMessageId()),
                messageDescription(message, conversation), LocalDateTime.now(bridge.timeZone()),
                FOLLOW_UP_CATEGORY))
                .invoke(() -> metrics.followUp(interaction.id()));
    }

    /**
     * The ticket's status as 4biz reports it now; null when 4biz does not know the ticket (deleted, merged: it answers
     * {@code INPUT}). Any other refusal fails: it says nothing about the ticket.
     */
    Uni<String> currentStatus(String ticketNumber) {
        return fourBiz.ticket(ticketNumber).map(FourBizClient.Ticket::statusCode)
                .onFailure(e -> e instanceof FourBizException f && f.isInputError()).recoverWithNull();
    }

    /** Writes a note on a ticket (e.g. a delivery failure), once per numberOrigin. */
    Uni<Void> note(String interactionId, String ticketNumber, String numberOrigin, String text) {
        return fourBiz.createOccurrence(new FourBizClient.NewOccurrence(ticketNumber, numberOrigin, text,
                LocalDateTime.now(bridge.timeZone()), FOLLOW_UP_CATEGORY));
    }

    private Uni<String> contract() {
        return config.parameters().map(values -> {
            String contract = values.get(Parameters.DEFAULT_CONTRACT);
            if (contract == null || contract.isBlank()) {
                throw new PermanentFailure("4biz parameter 118 (default contract) is not set");
            }
            return contract;
        });
    }

    /** {@code whatsapp_<E.164 digits>} / {@code twitter_<user id>}: one requester per person. */
    static String requesterLogin(Channel channel, String personId) {
        return switch (channel) {
            case WHATSAPP_TWILIO -> "whatsapp_" + (personId.startsWith("+") ? personId.substring(1) : personId);
            case TWITTER_DM -> "twitter_" + personId;
        };
    }

    /** What the person sent, with the channel and who they are: a ticket's description or a follow-up. */
    static String messageDescription(InboundMessage message, Conversation conversation) {
        StringBuilder text = new StringBuilder()
                .append("Mensagem recebida por ").append(channelName(message.channel()))
                .append(" de ").append(personName(conversation)).append(" (").append(message.sender().id())
                .append("):\n\n").append(message.text());
        if (message.quickReply() != null && message.text().isEmpty()) {
            text.append(message.quickReply().text());
        }
        if (!message.attachments().isEmpty()) {
            // the files themselves are attached to the ticket (InboundMedia); their provider URLs need credentials
            text.append("\n\nAnexos: ").append(message.attachments().size()).append(" (")
                    .append(String.join(", ", message.attachments().stream()
                            .map(a -> a.contentType() == null ? "tipo não informado" : a.contentType()).toList()))
                    .append("), anexados ao chamado ou explicados num acompanhamento.");
        }
        if (message.location() != null) {
            text.append("\n\nLocalização: ").append(message.location().latitude()).append(',')
                    .append(message.location().longitude());
            String place = message.location().label() != null
                    ? message.location().label()
                    : message.location().address();
            if (place != null) {
                text.append(" (").append(place).append(')');
            }
        }
        return text.toString();
    }

    /** A ticket opened after a conversation with the Helper bot: the whole bot conversation is its description. */
    static String helperDescription(InboundMessage message, Conversation conversation) {
        return "Conversa com o Helper por " + channelName(message.channel()) + " de " + personName(conversation) + " ("
                + message.sender().id() + "), que pediu para falar com um atendente:\n\n"
                + conversation.botTranscript();
    }

    static String channelName(Channel channel) {
        return channel == Channel.WHATSAPP_TWILIO ? "WhatsApp" : "X (Twitter)";
    }

    static String personName(Conversation conversation) {
        return conversation.displayName() != null ? conversation.displayName() : conversation.person().id();
    }

    /** The acknowledgement, saying so when the message came outside the interaction's business hours. */
    private String acknowledgement(InternalInteraction interaction, Conversation conversation, Instant at) {
        String name = conversation.displayName();
        String text = interaction.attendedAt(at)
                ? bridge.texts().acknowledgement()
                : interaction.businessHours().outOfHoursText() != null
                        ? interaction.businessHours().outOfHoursText()
                        : bridge.texts().outOfHours();
        return text
                .replace("{greeting}", name == null || name.isBlank() ? "" : ", " + name)
                .replace("{ticket}", conversation.ticketNumber());
    }
}
