package omnichannel.twitter.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.InboundMessage;
import omnichannel.platform.messaging.KeyedPublisher;

/** What channel-twitter writes to Kafka, keyed by conversation: polled DMs for the bridge, and send results. */
@ApplicationScoped
public class Publishers {

    @Produces
    @ApplicationScoped
    KeyedPublisher<InboundMessage> inbound(@Channel("inbound") MutinyEmitter<InboundMessage> emitter) {
        return new KeyedPublisher<>(emitter, InboundMessage::conversationKey, null, Duration.ofSeconds(30));
    }

    @Produces
    @ApplicationScoped
    KeyedPublisher<DeliveryStatus> delivery(@Channel("delivery") MutinyEmitter<DeliveryStatus> emitter) {
        return new KeyedPublisher<>(emitter, DeliveryStatus::conversationKey, null, Duration.ofSeconds(30));
    }
}
