package omnichannel.whatsapp.service;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import omnichannel.events.OutboundMessage;
import omnichannel.platform.sending.PermanentSendFailure;
import omnichannel.platform.sending.SendOnce;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.repository.SentMessageStore;

/** The record of what was sent, by outbound event id: the memory that makes a redelivered event a no-op. */
@ApplicationScoped
public class SendLog implements SendOnce.SendLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SentMessageStore repository;

    public SendLog(SentMessageStore repository) {
        this.repository = repository;
    }

    @Override
    public Uni<SendOnce.Reservation> reserve(OutboundMessage message) {
        Instant now = Instant.now();
        return repository.reserve(new SentMessage(message.eventId(), message.interactionId(), message.recipient().id(),
                null, SentMessage.SENDING, null, json(OutboundService.templateFields(message)), null,
                message.purpose().name(), message.correlationId(), now, now));
    }

    /** Which of these Twilio message sids are already the record of one of our entries. */
    public Uni<Set<String>> known(Collection<String> providerMessageIds) {
        return providerMessageIds.isEmpty()
                ? Uni.createFrom().item(Set.of())
                : repository.known(providerMessageIds);
    }

    @Override
    public Uni<Void> accepted(UUID eventId, SendOnce.Accepted accepted) {
        return repository.settle(eventId, SentMessage.QUEUED, accepted.providerMessageId(), null, accepted.sentAs());
    }

    @Override
    public Uni<Void> failed(UUID eventId, PermanentSendFailure failure) {
        return repository.settle(eventId, SentMessage.FAILED, null, failure.code(), null);
    }

    static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> parseTemplate(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
