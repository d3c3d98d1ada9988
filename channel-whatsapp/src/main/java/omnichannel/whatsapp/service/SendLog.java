package omnichannel.whatsapp.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import omnichannel.events.OutboundMessage;
import omnichannel.platform.sending.PermanentSendFailure;
import omnichannel.platform.sending.SendOnce;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.repository.SentMessageRepository;

/** The record of what was sent, by outbound event id: the memory that makes a redelivered event a no-op. */
@ApplicationScoped
public class SendLog implements SendOnce.SendLog {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final SentMessageRepository repository;

    public SendLog(SentMessageRepository repository) {
        this.repository = repository;
    }

    @Override
    public Uni<SendOnce.Reservation> reserve(OutboundMessage message) {
        return reservation(message);
    }

    /** Which of these Twilio message sids are already the record of one of our entries. */
    public Uni<java.util.Set<String>> known(java.util.Collection<String> providerMessageIds) {
        if (providerMessageIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Set.of());
        }
        return repository.list("providerMessageId in ?1", providerMessageIds)
                .map(entries -> entries.stream().map(entry -> entry.providerMessageId)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    @Override
    public Uni<Void> accepted(UUID eventId, SendOnce.Accepted accepted) {
        return settle(eventId, SentMessage.QUEUED, accepted.providerMessageId(), null, accepted.sentAs());
    }

    @Override
    public Uni<Void> failed(UUID eventId, PermanentSendFailure failure) {
        return settle(eventId, SentMessage.FAILED, null, failure.code(), null);
    }

    /** The entry of this event, created as {@code SENDING} when there is none yet. */
    @WithTransaction
    Uni<SendOnce.Reservation> reservation(OutboundMessage message) {
        return repository.findById(message.eventId()).map(entry -> {
            if (entry == null) {
                return null;
            }
            return entry.isSettled()
                    ? SendOnce.Reservation.settledAlready()
                    : SendOnce.Reservation.unsettledSince(entry.createdAt);
        }).onItem().ifNull().switchTo(() -> {
            SentMessage entry = new SentMessage();
            entry.eventId = message.eventId();
            entry.interactionId = message.interactionId();
            entry.recipient = message.recipient().id();
            entry.status = SentMessage.SENDING;
            entry.correlationId = message.correlationId();
            entry.templateVariables = json(OutboundService.templateFields(message));
            entry.purpose = message.purpose().name();
            entry.createdAt = Instant.now();
            entry.updatedAt = entry.createdAt;
            return repository.persist(entry).replaceWith(SendOnce.Reservation.fresh());
        });
    }

    static String json(java.util.Map<String, String> values) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(values));
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
    Uni<Void> settle(UUID eventId, String status, String providerMessageId, String errorCode, String sentAs) {
        return repository.findById(eventId).invoke(entry -> {
            entry.sentAs = sentAs;
            entry.status = status;
            entry.providerMessageId = providerMessageId;
            entry.errorCode = errorCode;
            entry.updatedAt = Instant.now();
        }).replaceWithVoid();
    }
}
