package omnichannel.gateway.rest;

/** The request is not the provider's (bad signature): 403, no event. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
