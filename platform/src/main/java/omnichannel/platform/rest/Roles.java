package omnichannel.platform.rest;

/** The roles of the bearer tokens (claim {@code groups}), named once for every service. */
public final class Roles {

    /** Writes interactions and parameters. */
    public static final String ADMIN = "omnichannel-admin";
    /** Reads them. */
    public static final String VIEWER = "omnichannel-viewer";
    /** The other services, on the internal API (which serves provider secrets in clear). */
    public static final String SERVICE = "omnichannel-service";
    /** The 4biz integration: may push attendants' answers to the bridge, and nothing else. */
    public static final String FOURBIZ = "omnichannel-4biz";

    private Roles() {
    }
}
