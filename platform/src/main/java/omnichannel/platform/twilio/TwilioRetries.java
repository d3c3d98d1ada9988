package omnichannel.platform.twilio;

/**
 * Twilio retries a failed webhook only when the URL asks for it (providers.md §1): the connection-override fragment
 * {@code #rc=5&rp=5xx,ct,rt} asks for up to 5 retries of a 5xx answer, a connect timeout or a read timeout, so the
 * 503 our gateway answers while Kafka or config-service is away is retried instead of losing the message. 4xx answers
 * (bad signature, bad input) are not retried. Fragments are not sent and not signed: signatures still validate. Every
 * URL we hand Twilio carries it: the webhook URL an admin pastes in the console and every {@code StatusCallback}.
 */
public final class TwilioRetries {

    public static final String FRAGMENT = "#rc=5&rp=5xx,ct,rt";

    private TwilioRetries() {
    }

    /** The URL with the retry fragment (replacing any fragment it had). */
    public static String asked(String url) {
        int hash = url.indexOf('#');
        return (hash < 0 ? url : url.substring(0, hash)) + FRAGMENT;
    }
}
