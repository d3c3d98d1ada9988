package omnichannel.bridge.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;

/** Publishes messages for the channel services, keyed by conversation, on the topic of each message's channel. */
@ApplicationScoped
public class OutboundPublisher {

    private final MutinyEmitter<OutboundMessage> outbound;

    public OutboundPublisher(@Channel("outbound") MutinyEmitter<OutboundMessage> outbound) {
        this.outbound = outbound;
    }

    /** One after the other, so the person receives them in this order; completes when Kafka has them all. */
    public Uni<Void> publish(List<OutboundMessage> messages) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutboundMessage message : messages) {
            chain = chain.chain(() -> outbound.sendMessage(Message.of(message)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(message.conversationKey())
                            .withTopic(Topics.outbound(message.channel()))
                            .build())));
        }
        return chain;
    }
}
