package omnichannel.bench;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;

/**
 * P3: how many inbound messages per second the ticket-bridge turns into tickets and follow-ups across conversations,
 * with 4biz answering every call in 50 ms, and whether every conversation's follow-ups kept their order. Messages go
 * straight onto the inbound topic (the gateway is P1's subject), as many conversations as the bridge has lanes and
 * more. Baseline, same run: the same bridge taking one record at a time (max-in-flight 1), i.e. one ordered consumer.
 */
final class BridgeThroughput {

    private static final int CONVERSATIONS = 300;
    private static final int MESSAGES_EACH = 40;
    private static final int BASELINE_CONVERSATIONS = 10;
    /** A profile showed C2 compiling for 45 % of the bridge's CPU during a run after 500, and still after 3,000, messages of warm-up. */
    static final int WARM_CONVERSATIONS = 300;
    static final int WARM_MESSAGES_EACH = 20;

    private final BenchSystem system;

    BridgeThroughput(BenchSystem system) {
        this.system = system;
    }

    Result run() {
        system.fourBizLatency(50);
        // the acknowledgements wait in Kafka: sending them is P4's subject, and on two cores it would take the CPU
        // this figure is about (each one is a Twilio call and three signed status callbacks through the gateway)
        system.stopIfRunning("channel-whatsapp");
        try {
            Progress.say("P3: warm-up (%d conversations x %d messages)", WARM_CONVERSATIONS, WARM_MESSAGES_EACH);
            measure("p3-warm", WARM_CONVERSATIONS, WARM_MESSAGES_EACH);

            Progress.say("P3: %d conversations x %d messages, ordered consumer, 4biz at 50 ms", CONVERSATIONS, MESSAGES_EACH);
            Run parallel = measure("p3-run", CONVERSATIONS, MESSAGES_EACH);
            int ordered = orderedConversations("p3-run", CONVERSATIONS, MESSAGES_EACH);
            Progress.say("P3: %.0f messages/s; order held in %d of %d conversations", parallel.perSecond(), ordered,
                    CONVERSATIONS);

            Progress.say("P3 baseline: the bridge restarted taking one record at a time (one ordered consumer)");
            system.stack.restart("ticket-bridge", Map.of("OMNICHANNEL_PLATFORM_CONSUMER_MAX_IN_FLIGHT", "1"),
                    Duration.ofSeconds(120));
            Run baseline = measure("p3-base", BASELINE_CONVERSATIONS, MESSAGES_EACH);
            system.stack.restart("ticket-bridge", Map.of("OMNICHANNEL_PLATFORM_CONSUMER_MAX_IN_FLIGHT", "2000"),
                    Duration.ofSeconds(120));
            Progress.say("P3 baseline: %.1f messages/s", baseline.perSecond());

            Map<String, Object> raw = Result.numbers();
            raw.put("conversations", CONVERSATIONS);
            raw.put("messagesPerConversation", MESSAGES_EACH);
            raw.put("messages", parallel.messages());
            raw.put("seconds", parallel.seconds());
            raw.put("messagesPerSecond", parallel.perSecond());
            raw.put("conversationsInOrder", ordered);
            raw.put("baselineMessages", baseline.messages());
            raw.put("baselineSeconds", baseline.seconds());
            raw.put("baselineMessagesPerSecond", baseline.perSecond());
            boolean met = parallel.perSecond() >= 750 && ordered == CONVERSATIONS;
            String chart = Charts.lines(system.root, "p3-throughput.png",
                    "P3: messages the bridge committed per second (4biz at 50 ms per call)", "seconds into the run",
                    "messages/s", List.of(new Charts.Series("ordered consumer", parallel.timeline().keySet().stream()
                            .map(t -> (Number) t).toList(), List.copyOf(parallel.timeline().values())),
                            new Charts.Series("baseline: one record at a time", baseline.timeline().keySet().stream()
                                    .map(t -> (Number) t).toList(), List.copyOf(baseline.timeline().values()))),
                    Map.of("bar: 750/s", 750.0, "floor: 500/s", 500.0));
            return new Result("P3", "ticket-bridge throughput, 4biz at 50 ms",
                    "≥ 750 messages/s across conversations (500 the floor), order kept inside each",
                    "%.0f messages/s (%d messages, %d conversations, %.1f s); order kept in %d/%d conversations"
                            .formatted(parallel.perSecond(), parallel.messages(), CONVERSATIONS, parallel.seconds(),
                                    ordered, CONVERSATIONS),
                    "%.1f messages/s one record at a time (one ordered consumer)".formatted(baseline.perSecond()),
                    "%.1f×".formatted(parallel.perSecond() / baseline.perSecond()), met,
                    "From the first record produced to the last message committed by the bridge (handled_at in its "
                            + "database), messages put straight on the inbound topic. Each ticket costs 2 calls "
                            + "(requester, ticket), each follow-up 1; the poller checks every open ticket every 10 s "
                            + "meanwhile. channel-whatsapp is stopped for this figure (the acknowledgements wait in "
                            + "Kafka), so that the bridge has the CPU the sending would take; it runs last.",
                    raw, List.of(chart));
        } finally {
            system.fourBizLatency(0);
        }
    }

    /** @param timeline messages committed in each second of the run (seconds from the first record produced) */
    record Run(int messages, double seconds, SortedMap<Long, Number> timeline) {

        double perSecond() {
            return messages / seconds;
        }
    }

    /** Publishes conversations × messages round-robin and waits until the bridge committed all of them. */
    Run measure(String tag, int conversations, int messagesEach) {
        String run = tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        int total = conversations * messagesEach;
        Instant start = Instant.now();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int m = 0; m < messagesEach; m++) {
                for (int c = 0; c < conversations; c++) {
                    InboundMessage message = message(run, tag, c, m);
                    producer.send(new ProducerRecord<>(Topics.INBOUND, message.conversationKey(), EventJson.write(message)));
                }
            }
        }
        Progress.await(tag, Duration.ofMinutes(10), () -> handled(run).count() >= total,
                () -> handled(run).count() + "/" + total + " handled");
        Handled done = handled(run);
        return new Run(total, Duration.between(start, done.last()).toMillis() / 1000.0, timeline(run, start));
    }

    private InboundMessage message(String run, String tag, int conversation, int index) {
        String phone = "+55119%08d".formatted(Math.abs((run + conversation).hashCode()) % 100_000_000);
        String sid = "SM" + run + "-" + conversation + "-" + index;
        Instant now = Instant.now();
        return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, now, system.interaction.id(),
                Channel.WHATSAPP_TWILIO, sid, sid, new Participant(phone, "Bench " + conversation, phone.substring(1), phone),
                "+5511999990000", "%s c%03d m%02d".formatted(tag, conversation, index), List.of(), null, null, null,
                false, false, now, Map.of());
    }

    private record Handled(long count, Instant last) {
    }

    private Handled handled(String run) {
        return system.postgres.query("bridge", connection -> {
            try (var statement = connection.prepareStatement(
                    "select count(*), max(handled_at) from handled_message where provider_message_id like ?")) {
                statement.setString(1, "SM" + run + "-%");
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    var last = rows.getTimestamp(2);
                    return new Handled(rows.getLong(1), last == null ? null : last.toInstant());
                }
            }
        });
    }

    private SortedMap<Long, Number> timeline(String run, Instant start) {
        return system.postgres.query("bridge", connection -> {
            SortedMap<Long, Number> perSecond = new TreeMap<>();
            try (var statement = connection.prepareStatement("select floor(extract(epoch from handled_at) - ?)::bigint, "
                    + "count(*) from handled_message where provider_message_id like ? group by 1 order by 1")) {
                statement.setDouble(1, start.toEpochMilli() / 1000.0);
                statement.setString(2, "SM" + run + "-%");
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        perSecond.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
            return perSecond;
        });
    }

    /** Conversations whose ticket has exactly their follow-ups, in the order they were sent. */
    private int orderedConversations(String tag, int conversations, int messagesEach) {
        Map<String, JsonNode> byFirstMessage = new HashMap<>();
        for (JsonNode ticket : system.tickets()) {
            String description = ticket.path("description").asText();
            int at = description.indexOf(tag + " c");
            if (at >= 0) {
                byFirstMessage.put(description.substring(at, at + tag.length() + 5), ticket);
            }
        }
        int ordered = 0;
        for (int c = 0; c < conversations; c++) {
            JsonNode ticket = byFirstMessage.get("%s c%03d".formatted(tag, c));
            if (ticket == null) {
                continue;
            }
            List<String> seen = new ArrayList<>();
            for (JsonNode occurrence : ticket.path("occurrences")) {
                String description = occurrence.path("description").asText();
                int at = description.indexOf(tag + " c");
                if (occurrence.path("numberOrigin").asText("").startsWith("OCF-") && at >= 0) {
                    seen.add(description.substring(at));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int m = 1; m < messagesEach; m++) {
                expected.add("%s c%03d m%02d".formatted(tag, c, m));
            }
            if (seen.equals(expected)) {
                ordered++;
            }
        }
        return ordered;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new ByteArraySerializer());
    }
}
