package omnichannel.events;

/** The channels an interaction can serve. */
public enum Channel {
    WHATSAPP_TWILIO, TWITTER_DM
}
