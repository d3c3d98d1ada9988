package omnichannel.bridge.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.repository.SentMessageStore.SentMessage;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;

/** The handling of one inbound message: the answers it causes, with ids derived from the message. */
final class Turn {

    private final InboundMessage message;
    private final Conversation conversation;
    private final List<OutboundMessage> replies = new ArrayList<>();

    Turn(InboundMessage message, Conversation conversation) {
        this.message = message;
        this.conversation = conversation;
    }

    InboundMessage message() {
        return message;
    }

    void reply(Purpose purpose, String text, List<String> mediaUrls) {
        replies.add(outbound(conversation,
                OriginKeys.reply(message.interactionId(), message.providerMessageId(), replies.size()), purpose, text,
                mediaUrls, message.correlationId()));
    }

    /** What is published: after an opt-out, only the confirmation. */
    List<OutboundMessage> deliverable() {
        return deliverable(conversation, replies);
    }

    static List<OutboundMessage> deliverable(Conversation conversation, List<OutboundMessage> messages) {
        return conversation.optedOut()
                ? messages.stream().filter(m -> m.purpose() == Purpose.OPT_OUT_CONFIRMATION).toList()
                : messages;
    }

    static OutboundMessage outbound(Conversation conversation, UUID id, Purpose purpose, String text,
            List<String> mediaUrls, String correlationId) {
        return outbound(conversation, id, purpose, text, mediaUrls, correlationId, conversation.ticketNumber());
    }

    /** A message about {@code ticket}, which may be an earlier ticket of the conversation than its current one. */
    static OutboundMessage outbound(Conversation conversation, UUID id, Purpose purpose, String text,
            List<String> mediaUrls, String correlationId, String ticket) {
        return new OutboundMessage(id, Event.SCHEMA_VERSION, Instant.now(), conversation.interactionId(),
                conversation.channel(), correlationId, purpose, conversation.person(), text, mediaUrls, ticket,
                conversation.lastInboundAt(), templateVariables(ticket, conversation.ticketStatus()));
    }

    /** What a WhatsApp template may carry: {@code "1"}, the ticket (the single template's), and its status. */
    private static Map<String, String> templateVariables(String ticket, String status) {
        if (ticket == null) {
            return Map.of();
        }
        return status == null ? Map.of("1", ticket) : Map.of("1", ticket, "ticketStatus", status);
    }

    static List<SentMessage> sent(Conversation conversation, List<OutboundMessage> messages) {
        return messages.stream().map(m -> new SentMessage(m.eventId(), conversation.key(), m.ticketNumber(),
                m.purpose().name(), m.text(), m.mediaUrls() == null
                        ? List.of()
                        : m.mediaUrls().stream().flatMap(url -> MediaLinks.idOf(url).stream()).toList()))
                .toList();
    }
}
