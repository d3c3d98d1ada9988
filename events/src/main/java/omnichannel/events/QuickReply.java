package omnichannel.events;

/** The button a person pressed: the text shown and the payload behind it (either may be null). */
public record QuickReply(String text, String payload) {
}
