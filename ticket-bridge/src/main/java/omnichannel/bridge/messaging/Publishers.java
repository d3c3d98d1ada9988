package omnichannel.bridge.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.platform.messaging.KeyedPublisher;

/** Messages for the channel services, keyed by conversation, on the topic of each message's channel. */
@ApplicationScoped
public class Publishers {

    @Produces
    @ApplicationScoped
    KeyedPublisher<OutboundMessage> outbound(@Channel("outbound") MutinyEmitter<OutboundMessage> emitter) {
        return new KeyedPublisher<>(emitter, OutboundMessage::conversationKey, m -> Topics.outbound(m.channel()),
                Duration.ofSeconds(30));
    }
}
