package omnichannel.platform.sending;

import omnichannel.platform.messaging.PermanentFailure;

/**
 * A provider refused a message for a reason retrying cannot fix (an invalid number, a closed 24-hour window, a blocked
 * account, an interaction that is gone), with our or the provider's code: the channel services settle the message as
 * failed and report it, never retry it.
 */
public class PermanentSendFailure extends PermanentFailure {

    private final String code;

    public PermanentSendFailure(String code, String message) {
        this(code, message, null);
    }

    public PermanentSendFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
