package omnichannel.config.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "omnichannel")
public interface OmnichannelConfig {

    /** The public https base of the webhook gateway ({@code OMNICHANNEL_PUBLIC_BASE_URL}); callback URLs start with it. */
    String publicBaseUrl();

    /** Twilio's Content API ({@code TWILIO_CONTENT_API_BASE_URL}): the account's WhatsApp templates. */
    @WithDefault("https://content.twilio.com")
    String twilioContentApiBaseUrl();

    /** Twilio's REST base ({@code TWILIO_API_BASE_URL}), for credential verification. */
    @WithDefault("https://api.twilio.com")
    String twilioApiBaseUrl();

    /** X's REST base ({@code X_API_BASE_URL}), for credential verification. */
    @WithDefault("https://api.x.com")
    String xApiBaseUrl();

    /**
     * channel-twitter's base URL ({@code CHANNEL_TWITTER_URL}), for the console's X webhook status and its actions,
     * called with the logged-in person's own access token; without it the console says the status is unavailable.
     */
    java.util.Optional<String> channelTwitterUrl();

    /**
     * ticket-bridge's base URL ({@code TICKET_BRIDGE_URL}), for the console's per-interaction traffic and privacy
     * requests.
     */
    java.util.Optional<String> ticketBridgeUrl();

    /** channel-whatsapp's base URL ({@code CHANNEL_WHATSAPP_URL}), for privacy requests. */
    java.util.Optional<String> channelWhatsappUrl();
}
