package omnichannel.bridge;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * 4biz's ticket attachments with the rule the bridge relies on: a repeated {@code numberOrigin} on a ticket is
 * rejected ({@code 412 INPUT}), and the list shows what each ticket holds. WireMock's stubs answer with it for
 * {@code request/addAttachments} and {@code request/listAttachments}.
 */
public final class FourBizAttachments implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fourbiz-attachments";

    /** A file 4biz accepted. */
    public record Stored(String numberOrigin, String fileName, String contentType, String description, byte[] content) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<Stored>> BY_TICKET = new ConcurrentHashMap<>();

    /** What a ticket holds, in the order 4biz accepted it. */
    public static List<Stored> on(String ticket) {
        synchronized (BY_TICKET) {
            return List.copyOf(BY_TICKET.getOrDefault(ticket, List.of()));
        }
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        try {
            JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
            String ticket = body.path("requestNumber").asText();
            ObjectNode answer = JSON.createObjectNode().putNull("error");
            synchronized (BY_TICKET) {
                List<Stored> files = BY_TICKET.computeIfAbsent(ticket, t -> new ArrayList<>());
                if (event.getRequest().getUrl().endsWith("/listAttachments")) {
                    ArrayNode list = answer.putArray("attachments");
                    files.forEach(f -> list.addObject().put("id", f.numberOrigin()).put("numberOrigin", f.numberOrigin())
                            .put("fileName", f.fileName()).put("contentType", f.contentType())
                            .put("size", f.content().length));
                    return json(200, answer);
                }
                JsonNode item = body.path("attachments").path(0);
                String key = item.path("numberOrigin").asText();
                if (files.stream().anyMatch(f -> f.numberOrigin().equals(key))) {
                    return json(412, JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", "INPUT")
                            .put("description", "attachment numberOrigin " + key + " already exists")));
                }
                files.add(new Stored(key, item.path("fileName").asText(), item.path("contentType").asText(),
                        item.path("description").asText(), Base64.getDecoder().decode(item.path("content").asText())));
                answer.putArray("attachments").addObject().put("id", key).put("numberOrigin", key);
                return json(200, answer);
            }
        } catch (java.io.IOException e) {
            return json(412, JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", "PARAM")
                    .put("description", "not JSON")));
        }
    }

    private static ResponseDefinition json(int status, ObjectNode body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body.toString()).build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
