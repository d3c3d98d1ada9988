package omnichannel.platform.messaging;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.reactive.messaging.MutinyEmitter;

import omnichannel.platform.config.PlatformConfig;

/**
 * Makes every service's {@link KeyedPublisher}s with the one acknowledgement timeout
 * ({@code omnichannel.platform.publishing.ack-timeout}), so a service declares only its channels and keys.
 */
@ApplicationScoped
public class KeyedPublishers {

    private final Duration ackTimeout;

    KeyedPublishers(PlatformConfig config) {
        this.ackTimeout = config.publishing().ackTimeout();
    }

    /** Events keyed by {@code key}, to the channel's configured topic. */
    public <T> KeyedPublisher<T> keyedBy(MutinyEmitter<T> emitter, Function<T, String> key) {
        return new KeyedPublisher<>(emitter, key, null, ackTimeout);
    }

    /** Events keyed by {@code key}, each to the topic {@code topic} names for it. */
    public <T> KeyedPublisher<T> routed(MutinyEmitter<T> emitter, Function<T, String> key, Function<T, String> topic) {
        return new KeyedPublisher<>(emitter, key, topic, ackTimeout);
    }
}
