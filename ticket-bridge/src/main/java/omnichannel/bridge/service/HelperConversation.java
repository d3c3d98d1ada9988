package omnichannel.bridge.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.HelperClient;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.PermanentFailure;

/**
 * The Helper bot phase of an interaction with interception on: the person's messages go to the bot (parameter 441),
 * its answers go back (buttons as numbered options, images as media). When the bot answers with its fallback message
 * (parameter 453) the person may ask for an attendant, which opens a ticket with the bot conversation as description.
 */
@ApplicationScoped
public class HelperConversation {

    static final String PERSON = "Solicitante";
    static final String BOT = "Helper";

    private final InteractionDirectory config;
    private final HelperClient helper;
    private final TicketService tickets;
    private final BridgeConfig bridge;
    private final BridgeMetrics metrics;

    public HelperConversation(InteractionDirectory config, HelperClient helper, TicketService tickets,
            BridgeConfig bridge, BridgeMetrics metrics) {
        this.config = config;
        this.helper = helper;
        this.tickets = tickets;
        this.bridge = bridge;
        this.metrics = metrics;
    }

    /** Handles one message of the bot phase; may end it by opening a ticket. */
    Uni<Void> handle(InternalInteraction interaction, Conversation conversation, Turn turn) {
        InboundMessage message = turn.message();
        String said = said(message);
        conversation.addToTranscript(PERSON, said);
        if (conversation.phase() == Conversation.Phase.CHOOSING) {
            return choose(interaction, conversation, turn, said.trim());
        }
        conversation.talkToBot();
        return parameters().chain(parameters -> {
            String input = optionPayload(conversation, said.trim());
            metrics.helperTurn(interaction.id());
            return helper.send(parameters.url(), conversation.key(), input)
                    .invoke(replies -> answer(conversation, turn, replies, parameters.fallback()));
        }).replaceWithVoid();
    }

    private Uni<Void> choose(InternalInteraction interaction, Conversation conversation, Turn turn, String choice) {
        if (choice.equals("1") || choice.equalsIgnoreCase("Falar com Atendente")) {
            return tickets.openTicket(interaction, conversation, turn,
                    TicketService.helperDescription(turn.message(), conversation));
        }
        if (choice.equals("2") || choice.equalsIgnoreCase("Retomar Atendimento")) {
            conversation.talkToBot();
            turn.reply(Purpose.HELPER_ANSWER, bridge.texts().helperResumed(), null);
            conversation.addToTranscript(BOT, bridge.texts().helperResumed());
            return Uni.createFrom().voidItem();
        }
        // anything else: the choice is still open
        turn.reply(Purpose.HELPER_ANSWER, bridge.texts().helperChoice(), null);
        return Uni.createFrom().voidItem();
    }

    private void answer(Conversation conversation, Turn turn, List<HelperClient.Reply> replies, String fallback) {
        List<String> options = new ArrayList<>();
        for (HelperClient.Reply reply : replies) {
            StringBuilder text = new StringBuilder(reply.text() == null ? "" : reply.text());
            for (HelperClient.Button button : reply.buttons()) {
                options.add(button.payload());
                text.append(text.isEmpty() ? "" : "\n").append(options.size()).append(" - ").append(button.title());
            }
            boolean gaveUp = reply.text() != null && reply.text().trim().equals(fallback.trim());
            if (gaveUp) {
                text.append("\n\n").append(bridge.texts().helperChoice());
                conversation.offerAttendant();
            }
            turn.reply(Purpose.HELPER_ANSWER, text.toString(), reply.image() == null ? null : List.of(reply.image()));
            conversation.addToTranscript(BOT, reply.image() == null
                    ? text.toString()
                    : (text.isEmpty() ? "" : text + " ") + "[imagem] " + reply.image());
        }
        conversation.botOptions(options);
    }

    /** A number naming one of the bot's last buttons stands for that button's payload. */
    static String optionPayload(Conversation conversation, String said) {
        List<String> options = conversation.botOptions();
        if (said.matches("\\d{1,3}")) {
            int index = Integer.parseInt(said) - 1;
            if (index >= 0 && index < options.size()) {
                return options.get(index);
            }
        }
        return said;
    }

    private static String said(InboundMessage message) {
        if (!message.text().isBlank()) {
            return message.text();
        }
        if (message.quickReply() != null) {
            return message.quickReply().payload() != null ? message.quickReply().payload() : message.quickReply().text();
        }
        if (!message.attachments().isEmpty()) {
            return "[anexo] " + message.attachments().get(0).url();
        }
        return "";
    }

    record HelperParameters(String url, String fallback) {
    }

    private Uni<HelperParameters> parameters() {
        return config.parameters().map(HelperConversation::helperParameters);
    }

    /** The bot's address (441) and its fallback message (453): interception without both is a permanent failure. */
    static HelperParameters helperParameters(Map<Integer, String> values) {
        String url = values.get(Parameters.HELPER_CONVERSATION_URL);
        String fallback = values.get(Parameters.HELPER_FALLBACK_MESSAGE);
        if (url == null || url.isBlank() || fallback == null || fallback.isBlank()) {
            throw new PermanentFailure("Helper interception needs 4biz parameters 441 and 453");
        }
        return new HelperParameters(url, fallback);
    }
}
