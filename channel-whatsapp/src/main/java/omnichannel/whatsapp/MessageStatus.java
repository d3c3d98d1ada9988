package omnichannel.whatsapp;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One status Twilio reported for a sent message. */
@Entity
@Table(name = "message_status")
public class MessageStatus {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "provider_message_id")
    public String providerMessageId;

    public String status;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "received_at")
    public Instant receivedAt;
}
