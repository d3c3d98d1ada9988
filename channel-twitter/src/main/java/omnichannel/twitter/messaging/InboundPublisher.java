package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.events.InboundMessage;

/** DMs found by polling, on the inbound topic like the gateway's; completes when Kafka acknowledged (acks=all). */
@ApplicationScoped
public class InboundPublisher {

    private final MutinyEmitter<InboundMessage> emitter;

    public InboundPublisher(@Channel("inbound") MutinyEmitter<InboundMessage> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(InboundMessage message) {
        return emitter.sendMessage(Message.of(message).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.conversationKey()).build()));
    }
}
