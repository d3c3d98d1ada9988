package omnichannel.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope every event carries. {@code correlationId} is the provider message id of the message that started
 * the chain, so one person's message can be followed from webhook to 4biz to the answer.
 */
public interface Event {

    /** The schema version this code writes. Readers accept any version up to theirs and ignore unknown fields. */
    int SCHEMA_VERSION = 1;

    UUID eventId();

    int schemaVersion();

    Instant occurredAt();

    String interactionId();

    Channel channel();

    String correlationId();
}
