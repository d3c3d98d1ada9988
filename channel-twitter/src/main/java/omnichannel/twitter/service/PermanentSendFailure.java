package omnichannel.twitter.service;

/** X refused the message for good (a 4xx other than 429), or its interaction is gone: no retry. */
public class PermanentSendFailure extends RuntimeException {

    private final String code;

    public PermanentSendFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
