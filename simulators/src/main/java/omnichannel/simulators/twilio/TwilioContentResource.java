package omnichannel.simulators.twilio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Twilio's Content API as far as an admin picks a WhatsApp template: {@code GET /v1/ContentAndApprovals} (HTTP Basic
 * with any account's SID and token; one page, in Twilio's {@code meta} format the SDK reads). Every account sees the
 * same catalogue, which a test may replace; by default one approved template and one waiting for approval.
 */
@Path("/")
@ApplicationScoped
public class TwilioContentResource {

    /** A template of the catalogue. */
    public record Template(String sid, String friendlyName, String language, String approval, List<String> variables) {
    }

    static final List<Template> DEFAULT = List.of(
            new Template("HX00000000000000000000000000000001", "atualizacao_chamado", "pt_BR", "approved",
                    List.of("1")),
            new Template("HX00000000000000000000000000000002", "contato_atendente", "pt_BR", "pending",
                    List.of("1", "2")));

    private final List<Template> catalogue = new CopyOnWriteArrayList<>(DEFAULT);
    private final ObjectMapper json;

    public TwilioContentResource(ObjectMapper json) {
        this.json = json;
    }

    @GET
    @Path("v1/ContentAndApprovals")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@HeaderParam("Authorization") String authorization) {
        if (!authenticated(authorization)) {
            return Response.status(401).entity(Map.of("code", 20003, "message", "Authenticate", "status", 401)).build();
        }
        ObjectNode page = json.createObjectNode();
        ArrayNode contents = page.putArray("contents");
        for (Template template : catalogue) {
            ObjectNode content = contents.addObject().put("sid", template.sid()).put("friendly_name",
                    template.friendlyName()).put("language", template.language());
            ObjectNode variables = content.putObject("variables");
            template.variables().forEach(name -> variables.put(name, "exemplo " + name));
            content.putObject("types").putObject("twilio/text").put("body", "Modelo " + template.friendlyName());
            content.putObject("approval_requests").put("name", template.friendlyName()).put("category", "UTILITY")
                    .put("status", template.approval()).put("rejection_reason", "");
        }
        page.putObject("meta").put("page", 0).put("page_size", 100).put("key", "contents")
                .put("url", "https://content.twilio.com/v1/ContentAndApprovals?PageSize=100&Page=0")
                .put("first_page_url", "https://content.twilio.com/v1/ContentAndApprovals?PageSize=100&Page=0")
                .putNull("previous_page_url").putNull("next_page_url");
        return Response.ok(page).build();
    }

    /** Replaces the catalogue (a test's templates and approvals). */
    @PUT
    @Path("simulators/twilio/content")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(List<Template> templates) {
        catalogue.clear();
        catalogue.addAll(templates == null ? List.of() : templates);
        return Response.noContent().build();
    }

    private static boolean authenticated(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon > 0 && decoded.startsWith("AC") && colon < decoded.length() - 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
