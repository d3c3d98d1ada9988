package omnichannel.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.vertx.core.buffer.Buffer;

import omnichannel.simulators.twilio.TwilioWebhookSigner;
import omnichannel.system.DemoInteraction;

/** Genuine Twilio-signed WhatsApp webhooks with unique MessageSids, prepared before a run starts. */
final class Webhooks {

    /** Every new person of the run has a number no earlier message used. */
    private static final AtomicInteger PEOPLE = new AtomicInteger(
            10_000_000);

    private Webhooks() {
    }

    /**
     * @param path where they are sent (the gateway's callback path, or the bare endpoint's)
     * @param uniquePeople one sender per message (each opens its own ticket) rather than a few conversations
     */
    static List<OpenLoad.Request> signed(DemoInteraction interaction, String path, String tag, int count,
            boolean uniquePeople) {
        List<OpenLoad.Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String sid = DemoInteraction.newMessageSid();
            String from = "+55119%08d".formatted(uniquePeople ? PEOPLE.incrementAndGet() : 90_000_000 + i % 50);
            Map<String, List<String>> params = DemoInteraction.webhook(sid, from, "Bench", tag + " " + i);
            String signature = TwilioWebhookSigner.sign(DemoInteraction.AUTH_TOKEN, interaction.callbackUrl(), params);
            requests.add(new OpenLoad.Request(path, Buffer.buffer(form(params)),
                    Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8", "X-Twilio-Signature",
                            signature)));
        }
        return requests;
    }

    static String callbackPath(DemoInteraction interaction) {
        return URI.create(interaction.callbackUrl()).getRawPath();
    }

    private static String form(Map<String, List<String>> params) {
        return params.entrySet().stream().flatMap(e -> e.getValue().stream()
                .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
    }
}
