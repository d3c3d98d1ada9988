package omnichannel.whatsapp.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.DeliveryStatus;
import omnichannel.whatsapp.MessageStatus;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.repository.MessageStatusRepository;
import omnichannel.whatsapp.repository.SentMessageRepository;

/**
 * Keeps each sent message's status history from Twilio's callbacks. Callbacks may be lost, repeated or out of order:
 * the history records all of them, the message's status only ever moves forward
 * ({@code queued < sending < sent < delivered < read}; {@code failed} and {@code undelivered} are final).
 */
@ApplicationScoped
public class StatusTracker {

    private static final List<String> PROGRESS = List.of("QUEUED", "SENDING", "SENT", "DELIVERED", "READ");

    private final SentMessageRepository sent;
    private final MessageStatusRepository history;

    public StatusTracker(SentMessageRepository sent, MessageStatusRepository history) {
        this.sent = sent;
        this.history = history;
    }

    /** Records a callback; returns the message it belongs to (null when it is not one of ours). */
    @WithTransaction
    public Uni<SentMessage> record(DeliveryStatus status) {
        MessageStatus entry = new MessageStatus();
        entry.providerMessageId = status.providerMessageId();
        entry.status = status.state().name();
        entry.errorCode = status.errorCode();
        entry.receivedAt = Instant.now();
        return history.persist(entry).chain(() -> sent.findByProviderId(status.providerMessageId()))
                .invoke(message -> {
                    if (message == null) {
                        Log.debugf("status %s for unknown message %s", status.state(), status.providerMessageId());
                        return;
                    }
                    String next = advance(message.status, status.state().name());
                    if (!next.equals(message.status)) {
                        message.status = next;
                        message.errorCode = status.errorCode();
                        message.updatedAt = entry.receivedAt;
                    }
                });
    }

    /** The status after {@code reported}, given {@code current}: never backwards, final states stay final. */
    static String advance(String current, String reported) {
        if (isFinal(current)) {
            return current;
        }
        if (isFinal(reported)) {
            return reported;
        }
        int from = PROGRESS.indexOf(current);
        int to = PROGRESS.indexOf(reported);
        return to > from ? reported : current;
    }

    private static boolean isFinal(String status) {
        return SentMessage.FAILED.equals(status) || "UNDELIVERED".equals(status);
    }
}
