package omnichannel.config.config;

import java.time.Duration;
import java.util.Optional;

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
    Optional<String> channelTwitterUrl();

    /**
     * ticket-bridge's base URL ({@code TICKET_BRIDGE_URL}), for the console's per-interaction traffic and privacy
     * requests.
     */
    Optional<String> ticketBridgeUrl();

    /** channel-whatsapp's base URL ({@code CHANNEL_WHATSAPP_URL}), for privacy requests. */
    Optional<String> channelWhatsappUrl();

    /** Connecting an X account with OAuth 2.0 (Authorization Code with PKCE), for the Activity API mode. */
    XOAuth2 xOauth2();

    HttpClients httpClients();

    /** Timeouts of the calls config-service makes: the providers, X's token endpoint, the other services. */
    interface HttpClients {

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration callTimeout();

        /** A connection test's 4biz steps, which the bridge runs one after another, each up to 4biz's own timeout. */
        @WithDefault("60s")
        Duration fourbizChecksTimeout();
    }

    interface XOAuth2 {

        /** X's authorization page ({@code X_AUTHORIZE_URL}). */
        @WithDefault("https://x.com/i/oauth2/authorize")
        String authorizeUrl();

        /**
         * Where X sends the admin back ({@code X_OAUTH2_REDIRECT_URI}): the console's public {@code /console/x/landing},
         * registered exactly as the Callback URI of the X app in X's developer portal.
         */
        String redirectUri();

        /** What the account grants: DMs read and written, the users it reads, a refresh token. */
        @WithDefault("dm.read dm.write tweet.read users.read offline.access media.write")
        String scopes();

        /** How long an admin has to approve at X. */
        @WithDefault("10m")
        Duration authorizationTimeout();

        /** An access token this close to its expiry is refreshed before it is handed out. */
        @WithDefault("5m")
        Duration refreshMargin();
    }
}
