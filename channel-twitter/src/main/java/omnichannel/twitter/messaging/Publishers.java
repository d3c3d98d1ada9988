package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.InboundMessage;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.KeyedPublishers;

/** What channel-twitter writes to Kafka, keyed by conversation: polled DMs for the bridge, and send results. */
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
    KeyedPublisher<DeliveryStatus> delivery(@Channel("delivery") MutinyEmitter<DeliveryStatus> emitter,
            KeyedPublishers publishers) {
        return publishers.keyedBy(emitter, DeliveryStatus::conversationKey);
    }
}
