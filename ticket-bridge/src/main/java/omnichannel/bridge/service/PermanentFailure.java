package omnichannel.bridge.service;

/** A message that retrying cannot help (4biz rejects it, its interaction is gone): straight to the dead-letter topic. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentFailure(String message) {
        super(message);
    }
}
