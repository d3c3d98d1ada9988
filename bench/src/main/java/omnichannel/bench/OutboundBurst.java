package omnichannel.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.system.HttpJson;
import omnichannel.system.ServiceProcess;

/**
 * P4: a burst of 10× a sender's rate limit (the demo interaction's sender: 10 messages/s) put on the outbound topic
 * at once: how many 429s the (simulated) Twilio answered, how many messages arrived, and the rate the backlog drained
 * at. Baseline: the sender's configured limit.
 */
final class OutboundBurst {

    static final int LIMIT_PER_SECOND = 10;
    static final int BURST = 10 * LIMIT_PER_SECOND * 3;

    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private final BenchSystem system;

    OutboundBurst(BenchSystem system) {
        this.system = system;
    }

    Result run() {
        // two processes share the sender's limit, as in production (the limit is held in PostgreSQL, not per process)
        Progress.say("P4: a second channel-whatsapp process");
        ServiceProcess replica = system.stack.startReplica("channel-whatsapp", "p4", Duration.ofSeconds(120));
        try {
            return burst();
        } finally {
            system.stack.stop(replica.name());
        }
    }

    private Result burst() {
        // warm-up: a service just (re)started loads classes on its first sends, which can stall its event loop for
        // seconds on this machine; the figure is about the steady state
        String warm = "p4w-" + UUID.randomUUID().toString().substring(0, 8);
        Progress.say("P4: warm-up, %d messages", 2 * LIMIT_PER_SECOND);
        publish(warm, 2 * LIMIT_PER_SECOND);
        Progress.await("P4 warm-up", Duration.ofMinutes(2), () -> arrived(warm) >= 2 * LIMIT_PER_SECOND,
                () -> arrived(warm) + " sent");
        JsonNode before = HttpJson.get(system.simulators() + "/simulators/twilio/stats").json();
        String tag = "p4-" + UUID.randomUUID().toString().substring(0, 8);
        Progress.say("P4: %d messages for one sender (limit %d/s) published at once", BURST, LIMIT_PER_SECOND);
        Instant start = Instant.now();
        publish(tag, BURST);
        Progress.await("P4 sends", Duration.ofMinutes(3), () -> arrived(tag) >= BURST,
                () -> arrived(tag) + "/" + BURST + " at the simulated Twilio");
        return result(tag, start, before);
    }

    private void publish(String tag, int count) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG,
                "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                // many people, one sender: the sender's limit is what is tested, conversations run in parallel
                String person = "+55119%08d".formatted(80_000_000 + PEOPLE.incrementAndGet());
                OutboundMessage message = new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                        system.interaction.id(), Channel.WHATSAPP_TWILIO, tag + "-" + i,
                        OutboundMessage.Purpose.ATTENDANT_ANSWER, new Participant(person, "Bench", null, person),
                        tag + " " + i, List.of(), "1", Instant.now(), Map.of("1", "1"));
                producer.send(new ProducerRecord<>(Topics.OUTBOUND_WHATSAPP, message.interactionId(),
                        EventJson.write(message)));
            }
        }
    }

    private Result result(String tag, Instant start, JsonNode before) {
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        JsonNode after = HttpJson.get(system.simulators() + "/simulators/twilio/stats").json();
        long throttled = after.path("throttled").asLong() - before.path("throttled").asLong();
        List<String> bodies = arrivedBodies(tag);
        int arrived = (int) bodies.stream().distinct().count();
        int duplicated = bodies.size() - arrived;
        double rate = arrived / seconds;
        Map<String, Object> raw = Result.numbers();
        raw.put("burst", BURST);
        raw.put("arrived", arrived);
        raw.put("duplicated", duplicated);
        raw.put("provider429", throttled);
        raw.put("seconds", seconds);
        raw.put("drainPerSecond", rate);
        return new Result("P4", "outbound burst of 10× a sender's rate limit",
                "two channel-whatsapp processes: 0 provider 429 answers, 0 lost, 0 duplicated, backlog drains at the limit",
                "%d of %d delivered, %d duplicated, %d × 429, drained in %.1f s = %.1f messages/s".formatted(arrived,
                        BURST, duplicated, throttled, seconds, rate),
                "the sender's limit: %d messages/s".formatted(LIMIT_PER_SECOND),
                "%.2f× the limit".formatted(rate / LIMIT_PER_SECOND),
                throttled == 0 && arrived == BURST && duplicated == 0 && rate >= 0.9 * LIMIT_PER_SECOND,
                "Three seconds' worth of ten times the limit put on the outbound topic at once (300 messages, one "
                        + "sender, 300 people) after a 20-message warm-up; the simulated Twilio answers 429/20429 above "
                        + "10 messages/s per sender (burst 10). Two channel-whatsapp processes consume the topic. Counted "
                        + "at the simulator.",
                raw, List.of());
    }

    private int arrived(String tag) {
        return arrivedBodies(tag).size();
    }

    private List<String> arrivedBodies(String tag) {
        List<String> bodies = new ArrayList<>();
        for (JsonNode message : HttpJson.get(system.simulators() + "/simulators/twilio/messages").json()) {
            if (message.path("body").asText().startsWith(tag + " ")) {
                bodies.add(message.path("body").asText());
            }
        }
        return bodies;
    }
}
