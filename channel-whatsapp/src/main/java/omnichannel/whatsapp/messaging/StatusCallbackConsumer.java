package omnichannel.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

import omnichannel.events.TwilioStatusCallback;
import omnichannel.platform.messaging.OrderedConsumers;
import omnichannel.platform.messaging.OrderedProcessor;
import omnichannel.whatsapp.service.OutboundService;

/**
 * Twilio's status callbacks, as the gateway published them on the topic this service owns
 * ({@code omnichannel.whatsapp.status.v1}): in order per conversation, retried while PostgreSQL is away.
 */
@ApplicationScoped
public class StatusCallbackConsumer {

    private final OrderedProcessor<TwilioStatusCallback> processor;

    public StatusCallbackConsumer(OutboundService service, OrderedConsumers consumers) {
        this.processor = consumers.create("whatsapp-status", TwilioStatusCallback::conversationKey, service::statusCallback);
    }

    @Incoming("whatsapp-status")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> consume(Message<TwilioStatusCallback> record) {
        return processor.accept(record);
    }
}
