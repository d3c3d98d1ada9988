package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.events.OutboundMessage;
import omnichannel.platform.messaging.OrderedConsumers;
import omnichannel.platform.messaging.OrderedProcessor;
import omnichannel.twitter.service.DmSender;

/**
 * Messages for X users, in order within a conversation and in parallel across conversations
 * ({@link OrderedProcessor}): one conversation waiting for a rate-limit reset or an X outage holds back only itself.
 */
@ApplicationScoped
public class OutboundConsumer {

    private final OrderedProcessor<OutboundMessage> processor;

    public OutboundConsumer(DmSender sender, OrderedConsumers consumers) {
        this.processor = consumers.create("outbound-twitter", OutboundMessage::conversationKey, sender::deliver);
    }

    @Incoming("outbound-twitter")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<OutboundMessage> record) {
        return processor.accept(record);
    }
}
