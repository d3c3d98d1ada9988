package omnichannel.events.json;

/** An event that cannot be read: not JSON, or a required field missing. Not worth retrying. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
