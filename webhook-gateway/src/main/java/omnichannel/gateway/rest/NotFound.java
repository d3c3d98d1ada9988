package omnichannel.gateway.rest;

/** No interaction answers at this URL (unknown, deleted, inactive or of another channel): 404. */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
