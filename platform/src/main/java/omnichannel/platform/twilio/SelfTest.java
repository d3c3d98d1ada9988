package omnichannel.platform.twilio;

/**
 * The self-test contract between config-service's verification and the gateway: a form signed with the interaction's
 * Auth Token, exactly as Twilio signs, carrying {@link #PARAMETER}; the gateway authenticates it like any webhook and,
 * instead of publishing anything, answers 200 with {@link #HEADER}: {@link #AUTHENTICATED}.
 */
public final class SelfTest {

    public static final String PARAMETER = "OmnichannelSelfTest";
    public static final String HEADER = "X-Omnichannel-Self-Test";
    public static final String AUTHENTICATED = "authenticated";
    /** The signature did not match and the request passed only because the interaction is in log-only mode. */
    public static final String LOG_ONLY = "accepted-in-log-only-mode";

    private SelfTest() {
    }
}
