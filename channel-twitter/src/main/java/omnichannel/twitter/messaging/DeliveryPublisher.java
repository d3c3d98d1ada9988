package omnichannel.twitter.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;

/** Send results on {@code omnichannel.delivery.v1}, keyed by conversation: the bridge records failures on the ticket. */
@ApplicationScoped
public class DeliveryPublisher {

    private final MutinyEmitter<DeliveryStatus> emitter;

    public DeliveryPublisher(@Channel("delivery") MutinyEmitter<DeliveryStatus> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(OutboundMessage message, DeliveryStatus.State state, String dmEventId, String errorCode,
            String errorMessage) {
        DeliveryStatus status = new DeliveryStatus(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                message.interactionId(), message.channel(), message.correlationId(), message.eventId(), dmEventId,
                message.recipient().id(), state, errorCode, errorMessage);
        return emitter.sendMessage(Message.of(status).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(status.conversationKey()).build()));
    }
}
