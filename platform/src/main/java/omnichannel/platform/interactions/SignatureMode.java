package omnichannel.platform.interactions;

/** Whether a bad webhook signature is refused (the default) or only counted and logged, for a rollout. */
public enum SignatureMode {
    ENFORCE, LOG_ONLY
}
