package omnichannel.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.InboundMessage;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.infra.KafkaRecords;

/**
 * P2: webhook received → ticket created in the simulated 4biz (every call answering in 50 ms), at 100 messages/s
 * for 60 s, each message from a new person so each opens a ticket. Latency from two timestamps the system records:
 * the gateway's {@code receivedAt} in the inbound event, and the simulator's creation time of the ticket. Baseline,
 * same run: the same path at 5 messages/s (no load). channel-whatsapp is stopped (the acknowledgements are not on
 * this path and would take the CPU).
 */
final class EndToEnd {

    private final BenchSystem system;

    EndToEnd(BenchSystem system) {
        this.system = system;
    }

    Result run() throws InterruptedException {
        system.fourBizLatency(50);
        system.stopIfRunning("channel-whatsapp");
        URI gateway = URI.create(system.stack.service("webhook-gateway").baseUrl());
        String path = Webhooks.callbackPath(system.interaction);
        try (OpenLoad load = new OpenLoad(gateway.getHost(), gateway.getPort(), 64)) {
            Progress.say("P2: warm-up, 30 s at 30 messages/s");
            measure(load, "p2-warm", 30, 30, path);
            Progress.say("P2 baseline: 5 messages/s for 20 s, each opening a ticket");
            Histogram baseline = histogram(measure(load, "p2-base", 5, 20, path));
            Progress.say("P2: 100 messages/s for 60 s, each opening a ticket");
            List<Sample> samples = measure(load, "p2-run", 100, 60, path);
            Histogram loaded = histogram(samples);
            Map<String, Object> raw = Result.numbers();
            raw.put("messages", loaded.getTotalCount());
            raw.put("p50ms", loaded.getValueAtPercentile(50));
            raw.put("p99ms", loaded.getValueAtPercentile(99));
            raw.put("p999ms", loaded.getValueAtPercentile(99.9));
            raw.put("maxMs", loaded.getMaxValue());
            raw.put("baselineP50ms", baseline.getValueAtPercentile(50));
            raw.put("baselineP99ms", baseline.getValueAtPercentile(99));
            long p99 = loaded.getValueAtPercentile(99);
            String chart = chart(samples);
            return new Result("P2", "end to end: webhook → ticket in 4biz (50 ms per call)",
                    "p99 < 300 ms at 100 messages/s for 60 s",
                    "%d tickets; p50 %d ms, p99 %d ms, max %d ms".formatted(loaded.getTotalCount(),
                            loaded.getValueAtPercentile(50), p99, loaded.getMaxValue()),
                    "5 messages/s: p50 %d ms, p99 %d ms".formatted(baseline.getValueAtPercentile(50),
                            baseline.getValueAtPercentile(99)),
                    "p99 %.2f× the unloaded p99".formatted((double) p99 / baseline.getValueAtPercentile(99)),
                    p99 < 300 && loaded.getTotalCount() == 6000,
                    "From the gateway's receivedAt (in the inbound event) to the simulator's ticket creation time: "
                            + "requester upsert and ticket creation, two 4biz calls of 50 ms each, so 100 ms is the "
                            + "floor. Genuine signed webhooks at a fixed arrival rate, each from a new person. The chart: "
                            + "percentiles of each 5-second window of arrivals.",
                    raw, List.of(chart));
        } finally {
            system.fourBizLatency(0);
        }
    }

    /** One message's way: when the gateway received it, and how long until its ticket existed. */
    private record Sample(Instant receivedAt, long millis) {
    }

    private List<Sample> measure(OpenLoad load, String tag, int rate, int seconds, String path)
            throws InterruptedException {
        int count = rate * seconds;
        OpenLoad.Outcome sent = load.run(rate, Webhooks.signed(system.interaction, path, tag, count, true));
        Progress.say("  %s webhooks: %s", tag, sent);
        Progress.await(tag + " tickets", Duration.ofMinutes(5), () -> created(tag).size() >= count,
                () -> created(tag).size() + "/" + count + " tickets");
        Map<String, Instant> received = new HashMap<>();
        KafkaRecords.read(system.kafka.bootstrapServers(), Topics.INBOUND,
                r -> r.value() != null && r.value().contains("\"" + tag + " "), Duration.ofSeconds(5))
                .forEach(r -> {
                    InboundMessage m = EventJson.read(r.value().getBytes(StandardCharsets.UTF_8), InboundMessage.class);
                    received.putIfAbsent(m.text(), m.receivedAt());
                });
        List<Sample> samples = new ArrayList<>();
        created(tag).forEach((text, at) -> {
            Instant from = received.get(text);
            if (from != null) {
                samples.add(new Sample(from, Math.max(0, Duration.between(from, at).toMillis())));
            }
        });
        samples.sort(Comparator.comparing(Sample::receivedAt));
        return samples;
    }

    private static Histogram histogram(List<Sample> samples) {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        samples.forEach(s -> latency.recordValue(s.millis()));
        return latency;
    }

    /** p50, p99 and max of each 5-second window of arrivals, against the bar. */
    private String chart(List<Sample> samples) {
        Instant first = samples.isEmpty() ? Instant.EPOCH : samples.get(0).receivedAt();
        TreeMap<Long, List<Sample>> windows = new TreeMap<>();
        samples.forEach(s -> windows.computeIfAbsent(Duration.between(first, s.receivedAt()).toSeconds() / 5 * 5,
                w -> new ArrayList<>()).add(s));
        List<Number> x = new ArrayList<>();
        List<Number> p50 = new ArrayList<>();
        List<Number> p99 = new ArrayList<>();
        List<Number> max = new ArrayList<>();
        windows.forEach((start, window) -> {
            Histogram h = histogram(window);
            x.add(start);
            p50.add(h.getValueAtPercentile(50));
            p99.add(h.getValueAtPercentile(99));
            max.add(h.getMaxValue());
        });
        return Charts.lines(system.root, "p2-latency.png", "P2: webhook → ticket latency at 100 messages/s",
                "seconds into the run (5-second windows)", "milliseconds",
                List.of(new Charts.Series("p50", x, p50), new Charts.Series("p99", x, p99),
                        new Charts.Series("max", x, max)),
                Map.of("bar: p99 300 ms", 300.0, "floor: two 4biz calls, 100 ms", 100.0));
    }

    /** Ticket creation times by the message text (the end of the ticket's description). */
    private Map<String, Instant> created(String tag) {
        Map<String, Instant> created = new HashMap<>();
        List<JsonNode> tickets = system.tickets();
        for (JsonNode ticket : tickets) {
            String description = ticket.path("description").asText();
            int at = description.lastIndexOf("\n\n" + tag + " ");
            if (at >= 0) {
                created.put(description.substring(at + 2), Instant.parse(ticket.path("createdAt").asText()));
            }
        }
        return created;
    }
}
