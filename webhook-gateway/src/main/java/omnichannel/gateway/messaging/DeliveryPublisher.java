package omnichannel.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.events.DeliveryStatus;
import omnichannel.gateway.config.GatewayConfig;
import omnichannel.gateway.messaging.InboundPublisher.KafkaUnavailable;

/** Publishes provider status callbacks and completes only when Kafka acknowledged them. */
@ApplicationScoped
public class DeliveryPublisher {

    private final MutinyEmitter<DeliveryStatus> emitter;
    private final GatewayConfig config;

    public DeliveryPublisher(@Channel("delivery") MutinyEmitter<DeliveryStatus> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public Uni<Void> publish(DeliveryStatus status) {
        Message<DeliveryStatus> record = Message.of(status)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(status.conversationKey()).build());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(record))
                .ifNoItem().after(config.kafkaAckTimeout()).fail()
                .onFailure().transform(KafkaUnavailable::new);
    }
}
