package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.ConversationService;
import omnichannel.events.InboundMessage;
import omnichannel.platform.messaging.OrderedConsumers;
import omnichannel.platform.messaging.OrderedProcessor;

/**
 * Inbound messages, in order within a conversation and in parallel across conversations ({@link OrderedProcessor}): a
 * record is acknowledged only after its effects exist in 4biz, Kafka has the answers and PostgreSQL the conversation.
 */
@ApplicationScoped
public class InboundConsumer {

    private final OrderedProcessor<InboundMessage> processor;

    public InboundConsumer(ConversationService conversations, OrderedConsumers consumers) {
        this.processor = consumers.create("inbound", InboundMessage::conversationKey, conversations::handle);
    }

    @Incoming("inbound")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<InboundMessage> record) {
        return processor.accept(record);
    }
}
