package omnichannel.whatsapp.messaging;

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
import omnichannel.whatsapp.service.OutboundService;

/**
 * Consumes WhatsApp outbound messages: in order within a conversation, conversations in parallel. Records are spread
 * over a fixed number of lanes by their key, each lane handling its records one after the other, so a sender waiting
 * for its rate limit or a retry holds back only its own lane. Offsets are committed by the throttled strategy once
 * every earlier record of the partition is done; what still fails after the retries goes to the dead-letter topic.
 */
@ApplicationScoped
public class OutboundConsumer {

    /** Parallel lanes: more lanes, less head-of-line blocking between conversations. */
    static final int LANES = 64;

    private final OutboundService service;

    public OutboundConsumer(OutboundService service) {
        this.service = service;
    }

    /** Acknowledgement is ours: each record is acked (or nacked into the DLQ) when its lane is done with it. */
    @Incoming("outbound-whatsapp")
    @Outgoing("outbound-whatsapp-done")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Multi<Message<String>> consume(Multi<Message<OutboundMessage>> records) {
        return records.group().by(OutboundConsumer::lane)
                .onItem().transformToMultiAndMerge(lane -> lane.onItem().transformToUniAndConcatenate(this::handle));
    }

    /** The end of the in-memory stream of handled records: nothing more to do with them. */
    @Incoming("outbound-whatsapp-done")
    public void done(String handled) {
        // the record was acknowledged or dead-lettered by its lane
    }

    private Uni<Message<String>> handle(Message<OutboundMessage> record) {
        if (record.getPayload() == null) {
            return Uni.createFrom().completionStage(record.nack(new MalformedEventException("unreadable outbound event")))
                    .replaceWith(Message.of("unreadable"));
        }
        return service.deliver(record.getPayload())
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
