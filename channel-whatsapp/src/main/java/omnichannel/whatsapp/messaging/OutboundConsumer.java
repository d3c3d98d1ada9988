package omnichannel.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.events.OutboundMessage;
import omnichannel.events.json.MalformedEventException;
import omnichannel.whatsapp.service.OutboundService;

/**
 * Consumes WhatsApp outbound messages in order per conversation; the offset is committed once the message is sent
 * or its failure reported. What still fails after the retries goes to the dead-letter topic.
 */
@ApplicationScoped
public class OutboundConsumer {

    private final OutboundService service;

    public OutboundConsumer(OutboundService service) {
        this.service = service;
    }

    @Incoming("outbound-whatsapp")
    public Uni<Void> consume(Message<OutboundMessage> record) {
        if (record.getPayload() == null) {
            return Uni.createFrom().completionStage(record.nack(new MalformedEventException("unreadable outbound event")));
        }
        return service.deliver(record.getPayload())
                .onItemOrFailure().transformToUni((done, failure) -> Uni.createFrom()
                        .completionStage(failure == null ? record.ack() : record.nack(failure)));
    }
}
