package omnichannel.bridge;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * 4biz's ticket attachments as documented: {@code request/addAttachments} with {@code name}, {@code content} (base64)
 * and {@code extension} per file, keyed by nothing of ours (a repeat is a second file). WireMock's stub answers with it.
 */
public final class FourBizAttachments implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fourbiz-attachments";

    /** A file 4biz accepted. */
    public record Stored(String fileName, String extension, byte[] content) {
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
            JsonNode item = body.path("attachments").path(0);
            if (!item.hasNonNull("name") || !item.hasNonNull("extension") || !item.hasNonNull("content")) {
                return json(412, JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", "PARAM")
                        .put("description", "name, content and extension are required")));
            }
            synchronized (BY_TICKET) {
                BY_TICKET.computeIfAbsent(ticket, t -> new ArrayList<>()).add(new Stored(item.path("name").asText(),
                        item.path("extension").asText(), Base64.getDecoder().decode(item.path("content").asText())));
            }
            return json(200, JSON.createObjectNode().putNull("error"));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return json(412, JSON.createObjectNode().set("error", JSON.createObjectNode().put("code", "PARAM")
                    .put("description", "not JSON or not base64")));
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
