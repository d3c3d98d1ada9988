-- What an admin did with a dead letter (replayed or discarded), by its place in Kafka: the dead-letter topics stay as
-- they are (an audit trail of their own), and a dead letter with an action is no longer pending.
create table dead_letter_action (
    topic         text          not null,
    partition_no  integer       not null,
    kafka_offset  bigint        not null,
    action        varchar(16)   not null,
    actor         text          not null,
    acted_at      timestamptz   not null,
    primary key (topic, partition_no, kafka_offset)
);
