package omnichannel.simulators.fourbiz;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;

/**
 * The subset of the 4biz "services" REST API the bridge calls (fourbiz-api.md), with 4biz's rules: sessions that
 * expire, {@code numberOrigin} unique per ticket and per follow-up, HTTP 412 with an {@code error} on failure.
 */
@Path("/4biz/services")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class FourBizResource {

    private final FourBizState state;
    private final FourBizFaults faults;
    private final ObjectMapper json;
    private final String username;
    private final String password;

    public FourBizResource(FourBizState state, FourBizFaults faults, ObjectMapper json,
            @ConfigProperty(name = "simulators.fourbiz.username") String username,
            @ConfigProperty(name = "simulators.fourbiz.password") String password) {
        this.state = state;
        this.faults = faults;
        this.json = json;
        this.username = username;
        this.password = password;
    }

    @POST
    @Path("/login")
    public Response login(JsonNode body) {
        return faults.apply(() -> {
            if (!username.equals(text(body, "userName")) || !password.equals(text(body, "password"))) {
                return error("PERMISSION", "invalid user or password");
            }
            return ok(answer().put("sessionID", state.newSession()));
        });
    }

    @POST
    @Path("/employee/synchronize")
    public Response synchronizeEmployee(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            JsonNode employee = body.path("employee");
            String login = text(employee, "login");
            if (login == null || !employee.path("unitId").canConvertToLong() || !employee.path("groupIds").isArray()) {
                return error("PARAM", "employee.login, employee.unitId and employee.groupIds are required");
            }
            List<Long> groups = new ArrayList<>();
            employee.path("groupIds").forEach(group -> groups.add(group.asLong()));
            Map.Entry<FourBizState.Employee, Boolean> result = state.synchronize(login, text(employee, "name"),
                    text(employee, "phoneNumber"), text(employee, "email"), employee.path("unitId").asLong(), groups);
            ObjectNode answer = answer();
            answer.set("employee", json.valueToTree(result.getKey()));
            return ok(answer.put("created", result.getValue()));
        }));
    }

    /**
     * Colaboradores by phone number, digits compared (the contract the bridge assumes; 4biz's own is not public).
     */
    @POST
    @Path("/employee/search")
    public Response searchEmployees(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            if (!body.path("phoneNumbers").isArray() || body.path("phoneNumbers").size() > 20) {
                return error("PARAM", "phoneNumbers (at most 20) are required");
            }
            List<String> numbers = new ArrayList<>();
            body.path("phoneNumbers").forEach(n -> numbers.add(n.asText()));
            ObjectNode answer = answer();
            ArrayNode found = answer.putArray("employees");
            state.employeesByPhone(numbers).forEach(e -> found.addObject().put("id", e.id()).put("login", e.login())
                    .put("name", e.name()).put("phoneNumber", e.phoneNumber()));
            return ok(answer);
        }));
    }

    @POST
    @Path("/request/create")
    public Response createRequest(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            JsonNode source = body.path("sourceRequest");
            String numberOrigin = text(source, "numberOrigin");
            String userID = text(source, "userID");
            String contract = text(source, "contractID");
            String service = text(source.path("service"), "code");
            String origin = text(source.path("origin"), "code");
            if (numberOrigin == null || numberOrigin.length() > 50 || userID == null || contract == null
                    || service == null || origin == null || text(source, "description") == null) {
                return error("PARAM",
                        "numberOrigin (<= 50), userID, description, contractID, service.code and origin.code are required");
            }
            if (!state.hasEmployee(userID)) {
                return error("INPUT", "unknown user " + userID);
            }
            if (faults.rejects(service)) {
                return error("INPUT", "unknown activity " + service);
            }
            FourBizState.Ticket ticket = state.createTicket(numberOrigin, userID, text(source, "description"), contract,
                    service, origin, text(source.path("contact"), "name"), text(source.path("contact"), "phoneNumber"));
            if (ticket == null) {
                return error("INPUT", "numberOrigin " + numberOrigin + " already exists");
            }
            return ok(request(ticket));
        }));
    }

    @POST
    @Path("/request/getById")
    public Response getRequest(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            FourBizState.Ticket ticket = text(body, "number") != null
                    ? state.ticket(text(body, "number"))
                    : state.ticketByOrigin(text(body, "numberOrigin"));
            return ticket == null ? error("INPUT", "request not found") : ok(request(ticket));
        }));
    }

    @POST
    @Path("/request/createOccurrence")
    public Response createOccurrence(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            JsonNode occurrence = body.path("occurrence");
            String requestNumber = text(body, "requestNumber");
            if (state.ticket(requestNumber) == null) {
                return error("INPUT", "request " + requestNumber + " not found");
            }
            FourBizState.Occurrence created = state.addOccurrence(requestNumber, text(occurrence, "numberOrigin"),
                    text(occurrence, "description"), text(occurrence, "date"), text(occurrence, "hour"),
                    text(occurrence.path("category"), "code"));
            if (created == null) {
                return error("INPUT", "occurrence numberOrigin " + text(occurrence, "numberOrigin") + " already exists");
            }
            ObjectNode answer = answer();
            answer.putObject("occurrence").put("id", created.id()).put("numberOrigin", created.numberOrigin());
            return ok(answer);
        }));
    }

    @POST
    @Path("/request/listOccurrences")
    public Response listOccurrences(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            FourBizState.Ticket ticket = state.ticket(text(body, "requestNumber"));
            if (ticket == null) {
                return error("INPUT", "request not found");
            }
            ObjectNode answer = answer();
            ArrayNode list = answer.putArray("occurrences");
            for (FourBizState.Occurrence occurrence : ticket.occurrences()) {
                ObjectNode item = list.addObject().put("id", occurrence.id()).put("numberOrigin", occurrence.numberOrigin())
                        .put("description", occurrence.description()).put("date", occurrence.date())
                        .put("hour", occurrence.hour());
                item.putObject("category").put("code", occurrence.category());
                ArrayNode files = item.putArray("attachments");
                occurrence.attachmentIds().forEach(id -> {
                    FourBizState.TicketAttachment f = state.attachment(ticket.number(), id);
                    files.addObject().put("id", f.id()).put("fileName", f.fileName()).put("contentType", f.contentType())
                            .put("size", f.content().length);
                });
            }
            return ok(answer);
        }));
    }

    /**
     * Attaches files to a ticket, base64 in JSON (the contract the bridge assumes; 4biz's own is not public). A
     * repeated {@code numberOrigin} on the ticket is rejected like a follow-up's; a file is at most 16 MB.
     */
    @POST
    @Path("/request/addAttachments")
    public Response addAttachments(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            String requestNumber = text(body, "requestNumber");
            if (state.ticket(requestNumber) == null) {
                return error("INPUT", "request " + requestNumber + " not found");
            }
            if (!body.path("attachments").isArray() || body.path("attachments").isEmpty()) {
                return error("PARAM", "attachments are required");
            }
            ObjectNode answer = answer();
            ArrayNode added = answer.putArray("attachments");
            for (JsonNode item : body.path("attachments")) {
                byte[] content;
                try {
                    content = java.util.Base64.getDecoder().decode(item.path("content").asText(""));
                } catch (IllegalArgumentException e) {
                    return error("PARAM", "content must be base64");
                }
                if (text(item, "fileName") == null || content.length > 16 * 1024 * 1024) {
                    return error("PARAM", "fileName and content (at most 16 MB) are required");
                }
                FourBizState.TicketAttachment file = state.addAttachment(requestNumber, text(item, "numberOrigin"),
                        text(item, "fileName"), text(item, "contentType"), text(item, "description"), content);
                if (file == null) {
                    return error("INPUT", "attachment numberOrigin " + text(item, "numberOrigin") + " already exists");
                }
                added.addObject().put("id", file.id()).put("numberOrigin", file.numberOrigin());
            }
            return ok(answer);
        }));
    }

    /** A ticket's files, without their content. */
    @POST
    @Path("/request/listAttachments")
    public Response listAttachments(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            List<FourBizState.TicketAttachment> files = state.attachments(text(body, "requestNumber"));
            if (files == null) {
                return error("INPUT", "request not found");
            }
            ObjectNode answer = answer();
            ArrayNode list = answer.putArray("attachments");
            files.forEach(f -> list.addObject().put("id", f.id()).put("numberOrigin", f.numberOrigin())
                    .put("fileName", f.fileName()).put("contentType", f.contentType()).put("size", f.content().length));
            return ok(answer);
        }));
    }

    /** One file of a ticket with its content in base64. */
    @POST
    @Path("/request/getAttachment")
    public Response getAttachment(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            FourBizState.TicketAttachment file = state.attachment(text(body, "requestNumber"), text(body, "attachmentId"));
            if (file == null) {
                return error("INPUT", "attachment not found");
            }
            ObjectNode answer = answer();
            answer.putObject("attachment").put("id", file.id()).put("fileName", file.fileName())
                    .put("contentType", file.contentType()).put("content", file.content());
            return ok(answer);
        }));
    }

    private Response withSession(JsonNode body, java.util.function.Supplier<Response> call) {
        return state.isSession(text(body, "sessionID")) ? call.get() : error("SESSION", "session expired or unknown");
    }

    private ObjectNode request(FourBizState.Ticket ticket) {
        ObjectNode answer = answer();
        ObjectNode request = answer.putObject("request").put("number", ticket.number())
                .put("numberOrigin", ticket.numberOrigin());
        request.putObject("status").put("code", ticket.status()).put("name", ticket.status());
        return answer;
    }

    private ObjectNode answer() {
        ObjectNode answer = json.createObjectNode();
        answer.put("dateTime", LocalDateTime.now().toString());
        answer.put("operationID", UUID.randomUUID().toString());
        answer.putNull("error");
        return answer;
    }

    private static Response ok(ObjectNode answer) {
        return Response.ok(answer).build();
    }

    private Response error(String code, String description) {
        ObjectNode answer = answer();
        answer.putObject("error").put("code", code).put("description", description);
        return Response.status(412).entity(answer).build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
