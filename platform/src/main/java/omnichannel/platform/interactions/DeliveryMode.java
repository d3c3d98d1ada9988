package omnichannel.platform.interactions;

/** How X direct messages reach us. */
public enum DeliveryMode {
    WEBHOOK, POLLING
}
