package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.DeliveryResults;
import omnichannel.events.DeliveryStatus;
import omnichannel.platform.messaging.OrderedConsumers;
import omnichannel.platform.messaging.OrderedProcessor;

/** Final delivery results from the channel services, for the ticket the message was about ({@code DeliveryResults}). */
@ApplicationScoped
public class DeliveryConsumer {

    private final OrderedProcessor<DeliveryStatus> processor;

    public DeliveryConsumer(DeliveryResults results, OrderedConsumers consumers) {
        this.processor = consumers.create("delivery", DeliveryStatus::conversationKey, results::handle);
    }

    @Incoming("delivery")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<DeliveryStatus> record) {
        return processor.accept(record);
    }
}
