package omnichannel.platform.rest;

/**
 * The roles of the bearer tokens (claim {@code groups}), named once for every service. Each service has a role of its
 * own, so that a stolen token or pod opens only its own corner (docs/security.md, "who may call what").
 */
public final class Roles {

    /** Writes interactions and parameters. */
    public static final String ADMIN = "omnichannel-admin";
    /** Reads them. */
    public static final String VIEWER = "omnichannel-viewer";
    /** webhook-gateway: signature-checking material, signature-failure reports, X revocations, the files behind links. */
    public static final String GATEWAY = "omnichannel-gateway";
    /** ticket-bridge: interactions (with what it downloads a person's files with), 4biz parameters. */
    public static final String BRIDGE = "omnichannel-bridge";
    /** channel-whatsapp: interactions with the Twilio credentials it sends with. */
    public static final String WHATSAPP = "omnichannel-whatsapp";
    /** channel-twitter: interactions with the X credentials it sends with, X access tokens, retired interactions. */
    public static final String TWITTER = "omnichannel-twitter";
    /** config-service's own identity for a person's data requests (export, erasure) to the services that keep it. */
    public static final String PRIVACY = "omnichannel-privacy";
    /** The 4biz integration: may push attendants' answers to the bridge and start a contact, and nothing else. */
    public static final String FOURBIZ = "omnichannel-4biz";

    private Roles() {
    }
}
