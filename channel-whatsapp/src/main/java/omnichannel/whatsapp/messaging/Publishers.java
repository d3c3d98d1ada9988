package omnichannel.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.events.DeliveryStatus;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.KeyedPublishers;

/** Results of our sends for the bridge, keyed by conversation, event id always set. */
@ApplicationScoped
public class Publishers {

    @Produces
    @ApplicationScoped
    KeyedPublisher<DeliveryStatus> delivery(@Channel("delivery") MutinyEmitter<DeliveryStatus> emitter,
            KeyedPublishers publishers) {
        return publishers.keyedBy(emitter, DeliveryStatus::conversationKey);
    }
}
