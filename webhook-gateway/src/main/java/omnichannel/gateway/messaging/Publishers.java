package omnichannel.gateway.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.InboundMessage;
import omnichannel.gateway.config.GatewayConfig;
import omnichannel.platform.messaging.KeyedPublisher;

/**
 * What the gateway writes to Kafka, keyed by conversation: a webhook is answered only after its publisher completes,
 * and a publish that is not acknowledged within {@code omnichannel.kafka-ack-timeout} fails (503, the provider
 * retries).
 */
@ApplicationScoped
public class Publishers {

    @Produces
    @ApplicationScoped
    KeyedPublisher<InboundMessage> inbound(@Channel("inbound") MutinyEmitter<InboundMessage> emitter,
            GatewayConfig config) {
        return new KeyedPublisher<>(emitter, InboundMessage::conversationKey, null, config.kafkaAckTimeout());
    }

    @Produces
    @ApplicationScoped
    KeyedPublisher<DeliveryStatus> whatsappStatus(@Channel("whatsapp-status") MutinyEmitter<DeliveryStatus> emitter,
            GatewayConfig config) {
        return new KeyedPublisher<>(emitter, DeliveryStatus::conversationKey, null, config.kafkaAckTimeout());
    }
}
