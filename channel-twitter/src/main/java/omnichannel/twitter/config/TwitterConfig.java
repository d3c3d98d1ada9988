package omnichannel.twitter.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** channel-twitter's settings ({@code twitter.*}). */
@ConfigMapping(prefix = "twitter")
public interface TwitterConfig {

    /** X's API root ({@code X_API_BASE_URL}; the simulator's in tests and the local run). */
    String xApiBaseUrl();

    Polling polling();

    interface Polling {

        /** How often POLLING interactions read their new DMs ({@code TWITTER_POLLING_INTERVAL}). */
        Duration interval();
    }
}
