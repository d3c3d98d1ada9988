package omnichannel.gateway.rest;

/** The provider's request is malformed: a 4xx problem, no event. */
public class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message);
    }
}
