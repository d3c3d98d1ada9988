package omnichannel.config;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An event written in the same transaction as the change it reports, published to Kafka afterwards. */
@Entity
@Table(name = "outbox")
public class OutboxRecord {

    @Id
    public UUID id;

    public String topic;

    @Column(name = "record_key")
    public String recordKey;

    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "published_at")
    public Instant publishedAt;
}
