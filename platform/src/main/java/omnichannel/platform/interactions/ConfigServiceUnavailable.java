package omnichannel.platform.interactions;

/** config-service could not answer (down, slow, refusing our token): transient, never the sender's fault. */
public class ConfigServiceUnavailable extends RuntimeException {

    public ConfigServiceUnavailable(Throwable cause) {
        super("config-service unavailable: " + cause.getMessage(), cause);
    }
}
