package omnichannel.events;

/** Kafka topic names: the one place they are spelled. Values are JSON, keys are strings. */
public final class Topics {

    /** Messages from people ({@link InboundMessage}), keyed by conversation. Gateway and X polling produce, the bridge consumes. */
    public static final String INBOUND = "omnichannel.inbound.v1";
    /** Messages to WhatsApp users ({@link OutboundMessage}), keyed by the sending interaction: one pod paces each sender. */
    public static final String OUTBOUND_WHATSAPP = "omnichannel.outbound.whatsapp.v1";
    /** Messages to X users ({@link OutboundMessage}), keyed by the sending interaction: one pod paces each sender. */
    public static final String OUTBOUND_TWITTER = "omnichannel.outbound.twitter.v1";
    /**
     * The final result of each outbound message ({@link DeliveryStatus}), keyed by conversation: the channel services
     * produce, only the bridge consumes. Provider codes never travel here.
     */
    public static final String DELIVERY = "omnichannel.delivery.v1";
    /**
     * Twilio's status callbacks ({@link TwilioStatusCallback}), keyed by conversation: owned by channel-whatsapp, the one
     * service that knows which of our messages a Twilio message id is.
     */
    public static final String WHATSAPP_STATUS = "omnichannel.whatsapp.status.v1";
    /** Compacted: the latest change of each interaction, keyed by interaction id. Never carries a secret. */
    public static final String INTERACTIONS = "omnichannel.interactions.v1";

    private Topics() {
    }

    /** The dead-letter topic of a source topic. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    /** The outbound topic that serves a channel. */
    public static String outbound(Channel channel) {
        return switch (channel) {
            case WHATSAPP_TWILIO -> OUTBOUND_WHATSAPP;
            case TWITTER_DM -> OUTBOUND_TWITTER;
        };
    }
}
