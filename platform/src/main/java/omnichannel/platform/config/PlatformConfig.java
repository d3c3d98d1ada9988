package omnichannel.platform.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The settings of the shared runtime ({@code omnichannel.platform.*}); every one has a default that suits production. */
@ConfigMapping(prefix = "omnichannel.platform")
public interface PlatformConfig {

    Problems problems();

    Consumer consumer();

    Interactions interactions();

    OutboundUrls outboundUrls();

    /** How long personal data is kept (LGPD): every service's scheduled purge. */
    Retention retention();

    Publishing publishing();

    /** The dependencies health group ({@code DependencyHealth}). */
    Health health();

    interface Health {

        /**
         * Whether config-service's check is in the group: a build-time switch (the check's bean exists only where it is
         * on), set by each service that reads config-service's internal API.
         */
        @WithDefault("false")
        boolean configService();
    }

    interface Publishing {

        /** How long a publish waits for Kafka's acknowledgement before it fails (the gateway: 5 s, then 503). */
        @WithDefault("30s")
        Duration ackTimeout();

        /** Every producer's {@code acks}: a record counts as published once every in-sync replica has it. */
        @WithDefault("all")
        String acks();

        /** Every producer's {@code enable.idempotence}: a retried send is written once and in order. */
        @WithDefault("true")
        boolean idempotence();
    }

    interface Retention {

        /**
         * How long a person's messages, conversations and sent texts are kept after their ticket closed (the bridge)
         * or after they were sent (the channel services); {@code OMNICHANNEL_PLATFORM_RETENTION_PERIOD}.
         */
        @WithDefault("180d")
        Duration period();

        /** How often each service deletes what is past the period. */
        @WithDefault("1h")
        Duration every();
    }

    /**
     * The topics by short name ({@code inbound}, {@code outbound-whatsapp}, …): what every service's channel
     * configuration refers to as {@code ${omnichannel.platform.topics.<name>}}, so a topic is spelled once.
     */
    Map<String, String> topics();

    interface Problems {

        /**
         * The status of a failure nobody foresaw: 500, or 503 where the sender retries a 503 and would lose the
         * message on a 500 (the gateway).
         */
        @WithDefault("500")
        int unexpectedStatus();
    }

    interface Consumer {

        /** Records taken from Kafka and not yet finished, per consumer: the memory bound and the back-pressure point. */
        @WithDefault("2000")
        int maxInFlight();

        /** The first retry's delay after a transient failure; each further retry doubles it, with jitter. */
        @WithDefault("1s")
        Duration firstRetry();

        /** The longest delay between two retries: a conversation retries at least this often through any outage. */
        @WithDefault("5M")
        Duration maxRetry();

        /** How long shutdown waits for the records being processed before leaving them to the next owner. */
        @WithDefault("10s")
        Duration shutdownGrace();
    }

    interface Interactions {

        /** How long a known interaction is served from the cache (changes invalidate it at once). */
        @WithDefault("1H")
        Duration ttl();

        /** How long an id config-service does not know is remembered as unknown. */
        @WithDefault("30S")
        Duration unknownTtl();

        /** At most this many interactions, and as many unknown ids, are remembered. */
        @WithDefault("10000")
        long maxSize();

        /** How long the 4biz parameters are served from the cache (they carry no change event). */
        @WithDefault("1M")
        Duration parametersTtl();
    }

    interface OutboundUrls {

        /**
         * {@code host:port} pairs an admin-set URL may point to although they are plain http or a private address:
         * {@code OMNICHANNEL_PLATFORM_OUTBOUND_URLS_ALLOWED}, for the local run's and the tests' simulators only.
         */
        Optional<List<String>> allowed();
    }
}
