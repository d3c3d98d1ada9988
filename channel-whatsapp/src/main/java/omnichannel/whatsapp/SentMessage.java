package omnichannel.whatsapp;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An outbound event this service took on, keyed by the event's id, with what Twilio made of it. */
@Entity
@Table(name = "sent_message")
public class SentMessage {

    /** Taken on, not yet accepted by Twilio (or the answer was lost). */
    public static final String SENDING = "SENDING";
    public static final String QUEUED = "QUEUED";
    public static final String FAILED = "FAILED";
    public static final String TEXT = "TEXT";
    public static final String TEMPLATE = omnichannel.events.DeliveryStatus.SENT_AS_TEMPLATE;

    @Id
    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "interaction_id")
    public String interactionId;

    public String recipient;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    public String status;

    @Column(name = "error_code")
    public String errorCode;

    /** What the message's template variables can carry (JSON), for a template resend after a late 63016. */
    @Column(name = "template_variables")
    public String templateVariables;

    /** {@link #TEXT} or {@link #TEMPLATE}, once sent. */
    @Column(name = "sent_as")
    public String sentAs;

    /** The outbound message's purpose ({@code OutboundMessage.Purpose}); null on rows from before it was kept. */
    public String purpose;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Whether the approved template went out (rather than free text): a template is not resent after a 63016. */
    public boolean sentAsTemplate() {
        return TEMPLATE.equals(sentAs);
    }

    /** Whether Twilio has already given an answer for it, so sending again would duplicate or repeat a failure. */
    public boolean isSettled() {
        return !SENDING.equals(status);
    }
}
