package omnichannel.whatsapp;

import java.time.Instant;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.platform.sending.SendLogTable;
import omnichannel.platform.sending.SendOnce;

/** An outbound event this service took on, keyed by the event's id, with what Twilio made of it (a sent_message row). */
public record SentMessage(UUID eventId, String interactionId, String recipient, String providerMessageId,
        String status, String errorCode, String templateVariables, String sentAs, String purpose,
        String correlationId, Instant createdAt, Instant updatedAt) {

    /** Taken on, not yet accepted by Twilio (or the answer was lost). */
    public static final String SENDING = SendLogTable.SENDING;
    public static final String QUEUED = "QUEUED";
    public static final String FAILED = "FAILED";
    public static final String TEXT = "TEXT";
    public static final String TEMPLATE = DeliveryStatus.SENT_AS_TEMPLATE;

    /** The columns {@link #of(Row)} reads, in a select list. */
    public static final String COLUMNS = "event_id, interaction_id, recipient, provider_message_id, status, error_code, "
            + "template_variables, sent_as, purpose, correlation_id, created_at, updated_at";

    public static SentMessage of(Row row) {
        return new SentMessage(row.getUUID("event_id"), row.getString("interaction_id"), row.getString("recipient"),
                row.getString("provider_message_id"), row.getString("status"), row.getString("error_code"),
                row.getString("template_variables"), row.getString("sent_as"), row.getString("purpose"),
                row.getString("correlation_id"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }

    /** The send, as a result reports on it. */
    public SendOnce.Sent send() {
        return new SendOnce.Sent(eventId, interactionId, Channel.WHATSAPP_TWILIO,
                correlationId == null ? eventId.toString() : correlationId, recipient);
    }

    /** The same message with the status a callback moved it to. */
    public SentMessage withStatus(String status, String errorCode, Instant at) {
        return new SentMessage(eventId, interactionId, recipient, providerMessageId, status, errorCode,
                templateVariables, sentAs, purpose, correlationId, createdAt, at);
    }

    /** Whether the approved template went out (rather than free text): a template is not resent after a 63016. */
    public boolean sentAsTemplate() {
        return TEMPLATE.equals(sentAs);
    }

    /** Whether Twilio has already given an answer for it, so sending again would duplicate or repeat a failure. */
    public boolean isSettled() {
        return !SENDING.equals(status);
    }
}
