package omnichannel.whatsapp.service;

/** Twilio refused the message for a reason retrying cannot fix (an invalid number, a closed 24-hour window, ...). */
public class PermanentSendFailure extends RuntimeException {

    private final String code;

    public PermanentSendFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
