package omnichannel.platform.messaging;

/**
 * A failure that no retry can cure (a provider's or 4biz's permanent refusal, data we cannot store, an unreadable
 * event): the record concerned goes to the dead-letter topic with this message as the reason, and its conversation
 * goes on. Every other failure is transient and retried for as long as its cause lasts. The message must never carry a
 * secret.
 */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
