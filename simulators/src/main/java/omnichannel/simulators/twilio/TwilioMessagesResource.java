package omnichannel.simulators.twilio;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Twilio's Messages API as the official SDK calls it ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, HTTP Basic
 * AccountSid:AuthToken, form body), keeping every accepted message for inspection. The Auth Token is checked for
 * presence only and never stored.
 */
@Path("/")
@ApplicationScoped
public class TwilioMessagesResource {

    /** A message the simulator accepted, as a test sees it. */
    public record SentMessage(String sid, String accountSid, String to, String from, String body, List<String> mediaUrls,
            String contentSid, String contentVariables, String statusCallback, String status) {
    }

    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    private final ObjectMapper json;

    public TwilioMessagesResource(ObjectMapper json) {
        this.json = json;
    }

    @POST
    @Path("2010-04-01/Accounts/{accountSid}/Messages.json")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String authorization,
            MultivaluedMap<String, String> form) {
        if (!authenticates(authorization, accountSid)) {
            return error(401, 20003, "Authenticate");
        }
        String to = form.getFirst("To");
        String body = form.getFirst("Body");
        String contentSid = form.getFirst("ContentSid");
        List<String> media = form.get("MediaUrl") == null ? List.of() : new ArrayList<>(form.get("MediaUrl"));
        if (to == null || to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if ((body == null || body.isEmpty()) && media.isEmpty() && contentSid == null) {
            return error(400, 21619, "A text message body or media URL must be specified.");
        }
        if (body != null && body.length() > 1600) {
            return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        String sid = (media.isEmpty() ? "SM" : "MM") + UUID.randomUUID().toString().replace("-", "");
        SentMessage message = new SentMessage(sid, accountSid, to, form.getFirst("From"), body, media, contentSid,
                form.getFirst("ContentVariables"), form.getFirst("StatusCallback"), "queued");
        messages.add(message);
        return Response.status(201).entity(resource(message)).build();
    }

    /** The account fetch config-service's verification makes. */
    @GET
    @Path("2010-04-01/Accounts/{accountSid}.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response account(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String authorization) {
        if (!authenticates(authorization, accountSid)) {
            return error(401, 20003, "Authenticate");
        }
        return Response.ok(json.createObjectNode().put("sid", accountSid).put("friendly_name", "Simulated account")
                .put("status", "active").put("type", "Full")).build();
    }

    private ObjectNode resource(SentMessage message) {
        String now = ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
        ObjectNode node = json.createObjectNode()
                .put("sid", message.sid())
                .put("account_sid", message.accountSid())
                .put("api_version", "2010-04-01")
                .put("body", message.body())
                .put("date_created", now)
                .put("date_updated", now)
                .putNull("date_sent")
                .put("direction", "outbound-api")
                .putNull("error_code")
                .putNull("error_message")
                .put("from", message.from())
                .putNull("messaging_service_sid")
                .put("num_media", Integer.toString(message.mediaUrls().size()))
                .put("num_segments", "1")
                .putNull("price")
                .put("price_unit", "USD")
                .put("status", message.status())
                .put("to", message.to())
                .put("uri", "/2010-04-01/Accounts/" + message.accountSid() + "/Messages/" + message.sid() + ".json");
        node.putObject("subresource_uris").put("media",
                "/2010-04-01/Accounts/" + message.accountSid() + "/Messages/" + message.sid() + "/Media.json");
        return node;
    }

    private static boolean authenticates(String authorization, String accountSid) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(accountSid) && colon < decoded.length() - 1;
    }

    private Response error(int status, int code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(json.valueToTree(Map.of("code", code, "message", message,
                        "more_info", "https://www.twilio.com/docs/errors/" + code, "status", status)))
                .build();
    }

    @GET
    @Path("simulators/twilio/messages")
    @Produces(MediaType.APPLICATION_JSON)
    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    @DELETE
    @Path("simulators/twilio/messages")
    public Response reset() {
        messages.clear();
        return Response.noContent().build();
    }
}
