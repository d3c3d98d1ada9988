package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import omnichannel.events.OutboundMessage;
import omnichannel.events.json.MalformedEventException;
import omnichannel.twitter.service.DmSender;

/**
 * Consumes messages for X users: in order within a conversation, conversations in parallel over key lanes, so one
 * conversation waiting for a rate-limit reset or retrying holds back only its lane.
 */
@ApplicationScoped
public class OutboundConsumer {

    static final int LANES = 32;

    private final DmSender sender;

    public OutboundConsumer(DmSender sender) {
        this.sender = sender;
    }

    /** Acknowledgement is ours: each record is acked (or nacked into the DLQ) when its lane is done with it. */
    @Incoming("outbound-twitter")
    @Outgoing("outbound-twitter-done")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<String>> consume(Multi<Message<OutboundMessage>> records) {
        return records.group().by(OutboundConsumer::lane)
                .onItem().transformToMultiAndMerge(lane -> lane.onItem().transformToUniAndConcatenate(this::handle));
    }

    /** The end of the in-memory stream of handled records: nothing more to do with them. */
    @Incoming("outbound-twitter-done")
    public void done(String handled) {
        // the record was acknowledged or dead-lettered by its lane
    }

    private Uni<Message<String>> handle(Message<OutboundMessage> record) {
        if (record.getPayload() == null) {
            return Uni.createFrom().completionStage(record.nack(new MalformedEventException("unreadable outbound event")))
                    .replaceWith(Message.of("unreadable"));
        }
        return sender.deliver(record.getPayload())
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom()
                        .completionStage(failure == null ? record.ack() : record.nack(failure)))
                .replaceWith(() -> Message.of(record.getPayload().eventId().toString()));
    }

    private static int lane(Message<OutboundMessage> record) {
        Object key = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey)
                .orElse(null);
        return key == null ? 0 : Math.floorMod(key.hashCode(), LANES);
    }
}
