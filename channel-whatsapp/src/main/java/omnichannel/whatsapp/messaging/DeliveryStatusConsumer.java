package omnichannel.whatsapp.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.whatsapp.service.OutboundService;
import omnichannel.whatsapp.service.StatusTracker;

/** Twilio's status callbacks (published by the gateway) for WhatsApp messages: their status history. */
@ApplicationScoped
public class DeliveryStatusConsumer {

    /** Twilio's "outside the 24-hour window" error, when it arrives in a callback rather than on the send. */
    private static final String WINDOW_CLOSED_CODE = "63016";

    private final StatusTracker tracker;
    private final OutboundService outbound;

    public DeliveryStatusConsumer(StatusTracker tracker, OutboundService outbound) {
        this.tracker = tracker;
        this.outbound = outbound;
    }

    @Incoming("delivery-callbacks")
    public Uni<Void> consume(DeliveryStatus status) {
        // our own send results carry the outbound event id; callbacks from Twilio do not
        if (status == null || status.channel() != Channel.WHATSAPP_TWILIO || status.outboundEventId() != null
                || status.providerMessageId() == null) {
            return Uni.createFrom().voidItem();
        }
        return tracker.record(status).chain(sent -> sent != null && status.state().isFailure()
                && WINDOW_CLOSED_CODE.equals(status.errorCode()) && !sent.sentAsTemplate()
                        ? outbound.windowClosedLater(sent)
                        : Uni.createFrom().voidItem());
    }
}
