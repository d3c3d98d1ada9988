package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.KeyedPublishers;

/**
 * Messages for the channel services, on the topic of each message's channel, keyed by the sending account (the
 * interaction): all of a sender's messages share a partition, so one channel-service pod owns each sender and paces it
 * at its rate however many replicas run; per-conversation order holds within the partition, and the channel service
 * still handles conversations in parallel.
 */
@ApplicationScoped
public class Publishers {

    @Produces
    @ApplicationScoped
    KeyedPublisher<OutboundMessage> outbound(@Channel("outbound") MutinyEmitter<OutboundMessage> emitter,
            KeyedPublishers publishers) {
        return publishers.routed(emitter, OutboundMessage::interactionId, m -> Topics.outbound(m.channel()));
    }
}
