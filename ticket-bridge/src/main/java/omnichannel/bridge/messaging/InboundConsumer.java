package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.service.BridgeMetrics;
import omnichannel.bridge.service.ConversationService;
import omnichannel.events.InboundMessage;
import omnichannel.events.json.MalformedEventException;

/**
 * Consumes inbound messages: in order within a conversation, conversations in parallel. Records are spread over a
 * fixed number of lanes by their key (the conversation), each lane handling its records one after the other, so a
 * conversation retrying through a 4biz outage holds back only its own lane. A record is acknowledged only after the
 * message's effects exist in 4biz, Kafka has the answers and PostgreSQL the conversation (the throttled commit strategy then commits each partition
 * up to its oldest unfinished record); a failure after the retries nacks it into the dead-letter topic.
 */
@ApplicationScoped
public class InboundConsumer {

    private final ConversationService conversations;
    private final BridgeMetrics metrics;
    private final int lanes;

    public InboundConsumer(ConversationService conversations, BridgeMetrics metrics, BridgeConfig config) {
        this.conversations = conversations;
        this.metrics = metrics;
        this.lanes = config.lanes();
    }

    /** Acknowledgement is ours: each record is acked (or dead-lettered) when its lane is done with it. */
    @Incoming("inbound")
    @Outgoing("inbound-done")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<String>> consume(Multi<Message<InboundMessage>> records) {
        return records.group().by(this::lane)
                .onItem().transformToMultiAndMerge(lane -> lane.onItem().transformToUniAndConcatenate(this::handle));
    }

    /** The end of the in-memory stream of handled records: nothing more to do with them. */
    @Incoming("inbound-done")
    public void done(String handled) {
        // the record was acknowledged or dead-lettered by its lane
    }

    private Uni<Message<String>> handle(Message<InboundMessage> record) {
        InboundMessage message = record.getPayload();
        if (message == null) {
            // the deserializer could not read it: not retryable, keep it for inspection
            return Uni.createFrom().completionStage(record.nack(new MalformedEventException("unreadable inbound event")))
                    .replaceWith(Message.of("unreadable"));
        }
        return conversations.handle(message)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure != null) {
                        Log.errorf("inbound message dead-lettered interaction=%s correlationId=%s reason=%s",
                                message.interactionId(), message.correlationId(), failure.getMessage());
                        metrics.deadLetter(message.interactionId());
                        return Uni.createFrom().completionStage(record.nack(failure));
                    }
                    return Uni.createFrom().completionStage(record.ack());
                })
                .replaceWith(() -> Message.of(message.correlationId()));
    }

    private int lane(Message<InboundMessage> record) {
        Object key = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey)
                .orElse(null);
        return key == null ? 0 : Math.floorMod(key.hashCode(), lanes);
    }
}
