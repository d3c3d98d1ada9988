package omnichannel.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.events.OutboundMessage;
import omnichannel.platform.messaging.OrderedConsumers;
import omnichannel.platform.messaging.OrderedProcessor;
import omnichannel.whatsapp.service.OutboundService;

/**
 * WhatsApp outbound messages, in order within a conversation and in parallel across conversations
 * ({@link OrderedProcessor}): a sender waiting for its rate limit or a Twilio outage holds back only its own
 * conversations.
 */
@ApplicationScoped
public class OutboundConsumer {

    private final OrderedProcessor<OutboundMessage> processor;

    public OutboundConsumer(OutboundService service, OrderedConsumers consumers) {
        this.processor = consumers.create("outbound-whatsapp", OutboundMessage::conversationKey, service::deliver);
    }

    @Incoming("outbound-whatsapp")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<OutboundMessage> record) {
        return processor.accept(record);
    }
}
