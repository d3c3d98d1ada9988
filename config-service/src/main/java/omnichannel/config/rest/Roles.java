package omnichannel.config.rest;

/** The roles of the bearer tokens (claim {@code groups}). */
final class Roles {

    /** Writes interactions and parameters. */
    static final String ADMIN = "omnichannel-admin";
    /** Reads them. */
    static final String VIEWER = "omnichannel-viewer";
    /** The other services, on the internal API. */
    static final String SERVICE = "omnichannel-service";

    private Roles() {
    }
}
