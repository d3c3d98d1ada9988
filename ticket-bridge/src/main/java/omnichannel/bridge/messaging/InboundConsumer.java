package omnichannel.bridge.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.bridge.service.TicketService;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.events.json.MalformedEventException;

/**
 * Consumes inbound messages in order per partition. A record is acknowledged (its offset committed) only after the
 * ticket exists in 4biz and Kafka has the outbound answer; a failure nacks it into the dead-letter topic.
 */
@ApplicationScoped
public class InboundConsumer {

    private final TicketService tickets;
    private final MutinyEmitter<OutboundMessage> outbound;

    public InboundConsumer(TicketService tickets, @Channel("outbound") MutinyEmitter<OutboundMessage> outbound) {
        this.tickets = tickets;
        this.outbound = outbound;
    }

    @Incoming("inbound")
    public Uni<Void> consume(Message<InboundMessage> record) {
        InboundMessage message = record.getPayload();
        if (message == null) {
            // the deserializer could not read it: not retryable, keep it for inspection
            return Uni.createFrom().completionStage(nack(record, new MalformedEventException("unreadable inbound event")));
        }
        return tickets.openTicket(message)
                .chain(this::publish)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure != null) {
                        Log.errorf("inbound message dead-lettered interaction=%s correlationId=%s reason=%s",
                                message.interactionId(), message.correlationId(), failure.getMessage());
                        return Uni.createFrom().completionStage(nack(record, failure));
                    }
                    return Uni.createFrom().completionStage(record.ack());
                });
    }

    private Uni<Void> publish(OutboundMessage message) {
        return outbound.sendMessage(Message.of(message).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(message.conversationKey())
                .withTopic(Topics.outbound(message.channel()))
                .build()));
    }

    private static CompletionStage<Void> nack(Message<?> record, Throwable reason) {
        return record.nack(reason);
    }
}
