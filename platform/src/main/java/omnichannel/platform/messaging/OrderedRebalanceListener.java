package omnichannel.platform.messaging;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Tells the ordered consumers when Kafka takes partitions away (a pod joined or left), so that they stop working on
 * records another consumer now owns ({@link OrderedProcessor#revoke}). Every ordered channel names it:
 * {@code mp.messaging.incoming.<channel>.consumer-rebalance-listener.name=ordered-consumers}.
 */
@ApplicationScoped
@Identifier(OrderedRebalanceListener.NAME)
public class OrderedRebalanceListener implements KafkaConsumerRebalanceListener {

    public static final String NAME = "ordered-consumers";

    private final OrderedConsumers consumers;

    public OrderedRebalanceListener(OrderedConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumers.revoke(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumers.revoke(partitions);
    }
}
