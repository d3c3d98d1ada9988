package omnichannel.config.service;

/** The thing asked for does not exist (or was deleted): 404. */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
