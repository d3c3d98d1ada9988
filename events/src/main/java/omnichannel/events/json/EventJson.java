package omnichannel.events.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import omnichannel.events.Event;

/**
 * The JSON form of events, shared by every producer and consumer: ISO-8601 instants, unknown fields ignored (a newer
 * producer may add some), a missing required field rejected with its name (an absent {@code schemaVersion} reads
 * as 0, which the records reject).
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    public static byte[] write(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads an event.
     *
     * @throws MalformedEventException when the bytes are not JSON or a required field is missing
     */
    public static <T extends Event> T read(byte[] json, Class<T> type) {
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new MalformedEventException(type.getSimpleName() + ": empty value");
            }
            return event;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MalformedEventException(type.getSimpleName() + ": " + cause.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException(type.getSimpleName() + ": " + originalMessage(e), e);
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    /** Exposed so services reuse the same settings for anything else event-shaped they write. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }
}
