package omnichannel.twitter.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** channel-twitter's settings ({@code twitter.*}). */
@ConfigMapping(prefix = "twitter")
public interface TwitterConfig {

    /** X's API root ({@code X_API_BASE_URL}; the simulator's in tests and the local run). */
    String xApiBaseUrl();

    Polling polling();

    Activity activity();

    Http http();

    /** Timeouts of the calls to X. */
    interface Http {

        @WithDefault("5s")
        Duration connectTimeout();

        /** A DM, a webhook or subscription call, a token. */
        @WithDefault("15s")
        Duration callTimeout();

        /** A file: fetched from our own link, uploaded to X. */
        @WithDefault("60s")
        Duration mediaTimeout();
    }

    interface Activity {

        /**
         * How often the X Activity API subscriptions are checked against X's list ({@code
         * TWITTER_ACTIVITY_RECONCILE_INTERVAL}); the scheduler reads it by name.
         */
        Duration reconcileInterval();
    }

    interface Polling {

        /** How often POLLING interactions read their new DMs ({@code TWITTER_POLLING_INTERVAL}). */
        Duration interval();
    }
}
