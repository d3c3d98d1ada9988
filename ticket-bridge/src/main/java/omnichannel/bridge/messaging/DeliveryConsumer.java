package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.DeliveryFailures;
import omnichannel.events.DeliveryStatus;

/** Send results and provider callbacks: failures are written on the ticket the message was about. */
@ApplicationScoped
public class DeliveryConsumer {

    private final DeliveryFailures failures;

    public DeliveryConsumer(DeliveryFailures failures) {
        this.failures = failures;
    }

    @Incoming("delivery")
    public Uni<Void> consume(DeliveryStatus status) {
        // an unreadable record (null) is dead-lettered by the connector; nothing to do here
        return status == null ? Uni.createFrom().voidItem() : failures.handle(status);
    }
}
