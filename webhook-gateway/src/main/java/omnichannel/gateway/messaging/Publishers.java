package omnichannel.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.InboundMessage;
import omnichannel.events.TwilioStatusCallback;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.KeyedPublishers;

/**
 * What the gateway writes to Kafka, keyed by conversation: a webhook is answered only after its publisher completes,
 * and a publish that is not acknowledged within {@code omnichannel.platform.publishing.ack-timeout} (5 s here) fails (503, the provider
 * retries).
 */
@ApplicationScoped
public class Publishers {

    @Produces
    @ApplicationScoped
    KeyedPublisher<InboundMessage> inbound(@Channel("inbound") MutinyEmitter<InboundMessage> emitter,
            KeyedPublishers publishers) {
        return publishers.keyedBy(emitter, InboundMessage::conversationKey);
    }

    @Produces
    @ApplicationScoped
    KeyedPublisher<TwilioStatusCallback> whatsappStatus(
            @Channel("whatsapp-status") MutinyEmitter<TwilioStatusCallback> emitter,
            KeyedPublishers publishers) {
        return publishers.keyedBy(emitter, TwilioStatusCallback::conversationKey);
    }
}
