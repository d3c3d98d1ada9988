package omnichannel.events;

/**
 * A person on a channel.
 *
 * @param id the stable identifier on the channel: E.164 phone number (WhatsApp, when it is one), an opaque
 *        business-scoped id (WhatsApp users who hide their number) or the X user id
 * @param displayName the name the channel shows (WhatsApp profile name, X name); may be null
 * @param handle X screen name, WhatsApp {@code WaId}; may be null
 * @param phoneNumber E.164 phone number when known; null otherwise
 */
public record Participant(String id, String displayName, String handle, String phoneNumber) {

    public Participant {
        Required.text(id, "sender.id");
        displayName = StorableText.of(displayName);
        handle = StorableText.of(handle);
    }
}
