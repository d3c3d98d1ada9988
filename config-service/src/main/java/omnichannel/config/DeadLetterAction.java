package omnichannel.config;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An admin's decision on one dead letter: replayed to its source topic, or discarded. */
@Entity
@Table(name = "dead_letter_action")
@IdClass(DeadLetterAction.Place.class)
public class DeadLetterAction {

    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";

    @Id
    public String topic;

    @Id
    @Column(name = "partition_no")
    public int partition;

    @Id
    @Column(name = "kafka_offset")
    public long offset;

    public String action;

    public String actor;

    @Column(name = "acted_at")
    public Instant actedAt;

    /** Where a record is in Kafka: its identity. */
    public static class Place implements Serializable {

        public String topic;
        public int partition;
        public long offset;

        public Place() {
        }

        public Place(String topic, int partition, long offset) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Place p && p.topic.equals(topic) && p.partition == partition && p.offset == offset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, partition, offset);
        }
    }
}
