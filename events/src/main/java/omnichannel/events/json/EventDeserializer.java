package omnichannel.events.json;

import org.apache.kafka.common.serialization.Deserializer;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.InteractionChanged;
import omnichannel.events.OutboundMessage;
import omnichannel.events.TwilioStatusCallback;

/** Kafka deserializer of one event type; one subclass per type so that Kafka can instantiate it by name. */
public abstract class EventDeserializer<T extends Event> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.read(data, type);
    }

    public static class Inbound extends EventDeserializer<InboundMessage> {

        public Inbound() {
            super(InboundMessage.class);
        }
    }

    public static class Outbound extends EventDeserializer<OutboundMessage> {

        public Outbound() {
            super(OutboundMessage.class);
        }
    }

    public static class Delivery extends EventDeserializer<DeliveryStatus> {

        public Delivery() {
            super(DeliveryStatus.class);
        }
    }

    public static class StatusCallback extends EventDeserializer<TwilioStatusCallback> {

        public StatusCallback() {
            super(TwilioStatusCallback.class);
        }
    }

    public static class Interaction extends EventDeserializer<InteractionChanged> {

        public Interaction() {
            super(InteractionChanged.class);
        }
    }
}
