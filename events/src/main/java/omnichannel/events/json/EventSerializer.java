package omnichannel.events.json;

import org.apache.kafka.common.serialization.Serializer;

import omnichannel.events.Event;

/** Kafka serializer for every event type. */
public class EventSerializer implements Serializer<Event> {

    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventJson.write(event);
    }
}
