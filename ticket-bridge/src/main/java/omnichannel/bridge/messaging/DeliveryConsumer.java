package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.DeliveryFailures;
import omnichannel.events.DeliveryStatus;
import omnichannel.platform.messaging.OrderedConsumers;
import omnichannel.platform.messaging.OrderedProcessor;

/** Final delivery results from the channel services: failures are written on the ticket the message was about. */
@ApplicationScoped
public class DeliveryConsumer {

    private final OrderedProcessor<DeliveryStatus> processor;

    public DeliveryConsumer(DeliveryFailures failures, OrderedConsumers consumers) {
        this.processor = consumers.create("delivery", DeliveryStatus::conversationKey, failures::handle);
    }

    @Incoming("delivery")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<DeliveryStatus> record) {
        return processor.accept(record);
    }
}
