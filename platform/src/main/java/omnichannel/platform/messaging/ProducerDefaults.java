package omnichannel.platform.messaging;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.common.annotation.Identifier;

import omnichannel.platform.config.PlatformConfig;

/**
 * The Kafka settings every producer of every service sends with, configured once
 * ({@code omnichannel.platform.publishing.*}): each outgoing channel names them with
 * {@code kafka-configuration=omnichannel-producer}, and sets only what is its own (serialisers, the gateway's short
 * timeouts).
 */
@ApplicationScoped
public class ProducerDefaults {

    /** The name outgoing channels give as their {@code kafka-configuration}. */
    public static final String NAME = "omnichannel-producer";

    @Produces
    @Singleton
    @Identifier(NAME)
    Map<String, Object> producerDefaults(PlatformConfig config) {
        return Map.of("acks", config.publishing().acks(), "enable.idempotence",
                Boolean.toString(config.publishing().idempotence()));
    }
}
