package omnichannel.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An interaction was created, changed, deleted or restored. Carries no secret: consumers drop what they cached and
 * read the interaction again from config-service's internal API.
 */
public record InteractionChanged(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String interactionId,
        Channel channel,
        String correlationId,
        Change change,
        String name,
        boolean active,
        long version) implements Event {

    /** What happened to the interaction. */
    public enum Change {
        CREATED, UPDATED, DELETED, RESTORED
    }

    public InteractionChanged {
        Required.field(eventId, "eventId");
        Required.version(schemaVersion);
        Required.field(occurredAt, "occurredAt");
        Required.text(interactionId, "interactionId");
        Required.field(channel, "channel");
        Required.text(correlationId, "correlationId");
        Required.field(change, "change");
    }
}
