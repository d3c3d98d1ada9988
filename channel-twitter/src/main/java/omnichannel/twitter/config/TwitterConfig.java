package omnichannel.twitter.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** channel-twitter's settings ({@code twitter.*}). */
@ConfigMapping(prefix = "twitter")
public interface TwitterConfig {

    /** X's API root ({@code X_API_BASE_URL}; the simulator's in tests and the local run). */
    String xApiBaseUrl();

    Polling polling();

    Activity activity();

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
