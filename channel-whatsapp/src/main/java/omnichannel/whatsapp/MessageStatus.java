package omnichannel.whatsapp;

import java.time.Instant;

/** One status Twilio reported for a sent message (a message_status row). */
public record MessageStatus(String providerMessageId, String status, String errorCode, Instant receivedAt) {
}
