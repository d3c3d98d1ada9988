package omnichannel.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.events.InboundMessage;
import omnichannel.gateway.config.GatewayConfig;

/** Publishes inbound messages and completes only when Kafka acknowledged them (acks=all). */
@ApplicationScoped
public class InboundPublisher {

    private final MutinyEmitter<InboundMessage> emitter;
    private final GatewayConfig config;

    public InboundPublisher(@Channel("inbound") MutinyEmitter<InboundMessage> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** Fails with {@link KafkaUnavailable} when Kafka does not acknowledge within the configured time. */
    public Uni<Void> publish(InboundMessage message) {
        Message<InboundMessage> record = Message.of(message)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(message.conversationKey()).build());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(record))
                .ifNoItem().after(config.kafkaAckTimeout()).fail()
                .onFailure().transform(KafkaUnavailable::new);
    }

    /** Kafka did not take the event: the provider must retry later. */
    public static class KafkaUnavailable extends RuntimeException {

        public KafkaUnavailable(Throwable cause) {
            super("Kafka did not acknowledge: " + cause.getMessage(), cause);
        }
    }
}
