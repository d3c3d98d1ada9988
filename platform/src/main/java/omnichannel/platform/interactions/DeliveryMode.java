package omnichannel.platform.interactions;

import com.fasterxml.jackson.annotation.JsonAlias;

/** How X direct messages reach us (docs/x-activity-api.md). */
public enum DeliveryMode {

    /**
     * The X Activity API: {@code dm.received} subscriptions delivered to the interaction's webhook, the account
     * connected with OAuth 2.0 (Authorization Code with PKCE); sends use that OAuth 2.0 token. The default for new X
     * interactions.
     */
    ACTIVITY_API,
    /** The Account Activity API, which X marks as deprecated: the fallback, OAuth 1.0a tokens. */
    @JsonAlias("WEBHOOK")
    ACCOUNT_ACTIVITY,
    /** {@code GET /2/dm_events} on a schedule, for tiers without webhooks; OAuth 1.0a tokens. */
    POLLING;

    /** Whether the account's DMs arrive at the interaction's webhook (CRC, signed deliveries). */
    public boolean webhook() {
        return this != POLLING;
    }
}
