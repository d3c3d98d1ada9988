package omnichannel.platform.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import omnichannel.platform.config.PlatformConfig;

/**
 * Makes the {@link OrderedProcessor}s of a service and closes them first at shutdown, before the connectors, the
 * database pools and the REST clients they use go away. Settings: {@link PlatformConfig.Consumer}.
 */
@ApplicationScoped
public class OrderedConsumers {

    private final Vertx vertx;
    private final MeterRegistry registry;
    private final int maxInFlight;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Duration shutdownGrace;
    private final List<OrderedProcessor<?>> processors = new CopyOnWriteArrayList<>();

    public OrderedConsumers(Vertx vertx, MeterRegistry registry, PlatformConfig config) {
        this.vertx = vertx;
        this.registry = registry;
        this.maxInFlight = config.consumer().maxInFlight();
        this.firstRetry = config.consumer().firstRetry();
        this.maxRetry = config.consumer().maxRetry();
        this.shutdownGrace = config.consumer().shutdownGrace();
    }

    /**
     * A processor named after its channel (the name tags its metrics and log lines).
     *
     * @param conversation the key whose order is kept: the event's conversation. It may be finer than the Kafka key
     *        (outbound topics are keyed by the sending account, so one pod owns a sender and its rate limit).
     */
    public <T> OrderedProcessor<T> create(String name, Function<T, Object> conversation,
            Function<T, Uni<Void>> handler) {
        OrderedProcessor<T> processor = new OrderedProcessor<>(name, record -> conversation.apply(record.getPayload()),
                handler, maxInFlight, firstRetry, maxRetry, vertx, registry);
        processors.add(processor);
        return processor;
    }

    /** Partitions another consumer owns now; each processor drops what it holds of them (a no-op for other topics). */
    void revoke(Collection<TopicPartition> partitions) {
        processors.forEach(processor -> processor.revoke(partitions));
    }

    /** First among the shutdown observers: the work stops before what it needs is closed. */
    void stop(@Observes @Priority(1) ShutdownEvent event) {
        processors.forEach(processor -> processor.close(shutdownGrace));
    }
}
