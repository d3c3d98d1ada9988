package omnichannel.bridge;

import java.time.Instant;
import java.util.List;

import omnichannel.bridge.repository.ConversationStore;
import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;

/**
 * One person on one interaction, and where their messages go now. Mutable while a message is handled; stored by
 * {@link ConversationStore} with an optimistic version.
 */
public final class Conversation {

    /** Where the person's next message goes. */
    public enum Phase {
        /** No open ticket: the next message opens one (or goes to the Helper bot when interception is on). */
        IDLE,
        /** Talking to the Helper bot. */
        BOT,
        /** The bot gave up; the person was offered an attendant or to resume with the bot. */
        CHOOSING,
        /** A ticket is open: messages become its follow-ups. */
        TICKET
    }

    /** Ticket statuses after which the person's next message opens a new ticket (fourbiz-api.md). */
    private static final List<String> CLOSED_STATUSES = List.of("Resolvida", "Fechada", "Cancelada");

    /** The bot conversation kept for the ticket's description is capped; the newest part is kept. */
    private static final int TRANSCRIPT_LIMIT = 20_000;

    public final String key;
    public final String interactionId;
    public final Channel channel;
    public final String personId;
    public String displayName;
    public String handle;
    public String phoneNumber;
    public Phase phase = Phase.IDLE;
    public String ticketNumber;
    public String ticketStatus;
    public String correlationId;
    public int occurrencesSeen;
    public boolean optedOut;
    public String botTranscript;
    public List<String> botOptions = List.of();
    public Instant lastInboundAt;
    /** Until when a rating of the resolved ticket is expected; null when no question is pending. */
    public Instant csatUntil;
    /** The stored version this state was read at; 0 for a conversation not stored yet. */
    public long version;
    /** Set when a ticket was opened while handling the current message: the poller starts over on it. */
    public boolean ticketOpened;

    public Conversation(String key, String interactionId, Channel channel, String personId) {
        this.key = key;
        this.interactionId = interactionId;
        this.channel = channel;
        this.personId = personId;
    }

    /** A conversation that starts with this message. */
    public static Conversation startedBy(InboundMessage message) {
        Conversation conversation = new Conversation(message.conversationKey(), message.interactionId(),
                message.channel(), message.sender().id());
        conversation.correlationId = message.correlationId();
        return conversation;
    }

    /** Takes the person's latest name and number from the message. */
    public void received(InboundMessage message) {
        Participant sender = message.sender();
        if (sender.displayName() != null && !sender.displayName().isBlank()) {
            displayName = sender.displayName();
        }
        if (sender.handle() != null) {
            handle = sender.handle();
        }
        if (sender.phoneNumber() != null) {
            phoneNumber = sender.phoneNumber();
        }
        lastInboundAt = message.receivedAt();
    }

    public static boolean isClosedStatus(String status) {
        return CLOSED_STATUSES.contains(status);
    }

    public boolean hasOpenTicket() {
        return phase == Phase.TICKET && ticketNumber != null;
    }

    public void ticketOpened(String number, String status, String correlationId) {
        phase = Phase.TICKET;
        ticketNumber = number;
        ticketStatus = status;
        this.correlationId = correlationId;
        occurrencesSeen = 0;
        botTranscript = null;
        botOptions = List.of();
        ticketOpened = true;
        csatUntil = null;
    }

    /** Whether the person was asked to rate the resolved ticket and may still answer at {@code at}. */
    public boolean awaitsRating(Instant at) {
        return phase == Phase.IDLE && ticketNumber != null && csatUntil != null && at.isBefore(csatUntil) && !optedOut;
    }

    /** The rating arrived: no other is expected. */
    public void rated() {
        csatUntil = null;
    }

    /** The ticket was closed in 4biz (seen by the poller or on a refused follow-up): the next message opens a new one. */
    public void ticketClosed(String status) {
        phase = Phase.IDLE;
        ticketStatus = status;
    }

    public void talkToBot() {
        phase = Phase.BOT;
    }

    public void offerAttendant() {
        phase = Phase.CHOOSING;
    }

    public void optOut(boolean out) {
        optedOut = out;
    }

    public void addToTranscript(String speaker, String text) {
        String line = speaker + ": " + text;
        String transcript = botTranscript == null || botTranscript.isEmpty() ? line : botTranscript + "\n" + line;
        botTranscript = transcript.length() > TRANSCRIPT_LIMIT
                ? transcript.substring(transcript.length() - TRANSCRIPT_LIMIT)
                : transcript;
    }

    public void botOptions(List<String> payloads) {
        botOptions = List.copyOf(payloads);
    }

    /** The person as a message recipient. */
    public Participant person() {
        return new Participant(personId, displayName, handle, phoneNumber);
    }

    public String key() {
        return key;
    }

    public String interactionId() {
        return interactionId;
    }

    public Channel channel() {
        return channel;
    }

    public Phase phase() {
        return phase;
    }

    public String ticketNumber() {
        return ticketNumber;
    }

    public String ticketStatus() {
        return ticketStatus;
    }

    public String correlationId() {
        return correlationId;
    }

    public int occurrencesSeen() {
        return occurrencesSeen;
    }

    public boolean optedOut() {
        return optedOut;
    }

    public String botTranscript() {
        return botTranscript == null ? "" : botTranscript;
    }

    public List<String> botOptions() {
        return botOptions;
    }

    public Instant lastInboundAt() {
        return lastInboundAt;
    }

    public String displayName() {
        return displayName;
    }
}
