package omnichannel.whatsapp.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.TwilioStatusCallback;
import omnichannel.whatsapp.MessageStatus;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.repository.SentMessageStore;

/**
 * Keeps each sent message's status history from Twilio's callbacks. Callbacks may be lost, repeated or out of order:
 * the history records all of them, the message's status only ever moves forward
 * ({@code queued < sending < sent < delivered < read}; {@code failed} and {@code undelivered} are final).
 */
@ApplicationScoped
public class StatusTracker {

    private static final List<String> PROGRESS = List.of("QUEUED", "SENDING", "SENT", "DELIVERED", "READ");

    private final SentMessageStore sent;

    public StatusTracker(SentMessageStore sent) {
        this.sent = sent;
    }

    /** Records a callback; returns the message it belongs to, with its status after the callback (null when not ours). */
    public Uni<SentMessage> record(TwilioStatusCallback status) {
        MessageStatus entry = new MessageStatus(status.providerMessageId(), status.state().name(), status.errorCode(),
                Instant.now());
        return sent.recordStatus(entry, message -> {
            String next = advance(message.status(), entry.status());
            return next.equals(message.status()) ? message : message.withStatus(next, status.errorCode(), entry.receivedAt());
        }).invoke(message -> {
            if (message == null) {
                Log.debugf("status %s for unknown message %s", status.state(), status.providerMessageId());
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
