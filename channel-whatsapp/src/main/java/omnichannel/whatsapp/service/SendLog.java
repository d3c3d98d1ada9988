package omnichannel.whatsapp.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import omnichannel.events.OutboundMessage;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.repository.SentMessageRepository;

/** The record of what was sent, by outbound event id: the memory that makes a redelivered event a no-op. */
@ApplicationScoped
public class SendLog {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final SentMessageRepository repository;

    public SendLog(SentMessageRepository repository) {
        this.repository = repository;
    }

    /** The entry of this event, created as {@code SENDING} when there is none yet. */
    @WithTransaction
    public Uni<SentMessage> reserve(OutboundMessage message) {
        return repository.findById(message.eventId()).onItem().ifNull().switchTo(() -> {
            SentMessage entry = new SentMessage();
            entry.eventId = message.eventId();
            entry.interactionId = message.interactionId();
            entry.recipient = message.recipient().id();
            entry.status = SentMessage.SENDING;
            entry.correlationId = message.correlationId();
            entry.templateVariables = templateJson(message);
            entry.createdAt = Instant.now();
            entry.updatedAt = entry.createdAt;
            return repository.persist(entry);
        });
    }

    static String templateJson(OutboundMessage message) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(message.templateVariables()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static java.util.Map<String, String> parseTemplate(String json) {
        try {
            return json == null ? java.util.Map.of() : JSON.readValue(json, java.util.Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return java.util.Map.of();
        }
    }

    @WithTransaction
    public Uni<Void> settle(UUID eventId, String status, String providerMessageId, String errorCode, String sentAs) {
        return repository.findById(eventId).invoke(entry -> {
            entry.sentAs = sentAs;
            entry.status = status;
            entry.providerMessageId = providerMessageId;
            entry.errorCode = errorCode;
            entry.updatedAt = Instant.now();
        }).replaceWithVoid();
    }
}
