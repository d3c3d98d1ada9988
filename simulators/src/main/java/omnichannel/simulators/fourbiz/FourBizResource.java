package omnichannel.simulators.fourbiz;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

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
 * The 4biz "services" REST API as 4biz documents it (fourbiz-api.md), with 4biz's rules: sessions that expire,
 * {@code numberOrigin} unique per ticket and per follow-up, HTTP 412 with an {@code error} on failure. In the
 * {@code documented} mode (the default: {@code simulators.fourbiz.mode}) only documented operations are served and
 * anything else gets a plain 404 page; the {@code extended} mode adds what some 4biz installations may have (an
 * employee web service, the files on a follow-up, the {@code /webmvc} attachment read), for the tests of the bridge's
 * optional capabilities.
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
    private final boolean extended;
    private final String employeeQuery;
    private final String originId;
    private final long newRequesterUnit;
    private final long newRequesterGroup;

    public FourBizResource(FourBizState state, FourBizFaults faults, ObjectMapper json,
            @ConfigProperty(name = "simulators.fourbiz.username") String username,
            @ConfigProperty(name = "simulators.fourbiz.password") String password,
            @ConfigProperty(name = "simulators.fourbiz.mode") String mode,
            @ConfigProperty(name = "simulators.fourbiz.origin-id") String originId,
            @ConfigProperty(name = "simulators.fourbiz.new-requester-unit") long newRequesterUnit,
            @ConfigProperty(name = "simulators.fourbiz.new-requester-group") long newRequesterGroup,
            @ConfigProperty(name = "simulators.fourbiz.employee-query") String employeeQuery) {
        this.extended = "extended".equals(mode);
        this.originId = originId;
        this.newRequesterUnit = newRequesterUnit;
        this.newRequesterGroup = newRequesterGroup;
        this.employeeQuery = employeeQuery;
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

    /**
     * An employee web service (not documented by 4biz: its path and fields are our assumption). Served only in the
     * extended mode; a documented-only 4biz answers a plain 404, as a servlet container does.
     */
    @POST
    @Path("/employee/synchronize")
    public Response synchronizeEmployee(JsonNode body) {
        if (!extended) {
            return notFound();
        }
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
     * Named queries (documented): the simulator knows one kind, colaboradores by phone (digits compared), under the
     * names registered through its inspection API (or {@code simulators.fourbiz.employee-query} in the extended mode).
     * Any other name is refused as 4biz refuses an unknown query.
     */
    @POST
    @Path("/data/query")
    public Response query(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            String name = text(body, "queryName");
            if (!state.isPhoneQuery(name) && !(extended && employeeQuery.equals(name))) {
                return error("PARAM", "unknown query " + name);
            }
            List<String> numbers = new ArrayList<>();
            body.path("parameters").properties().forEach(p -> {
                if (p.getValue().isArray()) {
                    p.getValue().forEach(n -> numbers.add(n.asText()));
                } else {
                    numbers.add(p.getValue().asText());
                }
            });
            ObjectNode answer = answer();
            ArrayNode rows = answer.putArray("result");
            state.employeesByPhone(numbers).forEach(e -> rows.addObject().put("login", e.login())
                    .put("name", e.name()).put("phoneNumber", e.phoneNumber()));
            return ok(answer);
        }));
    }

    /**
     * Opens a ticket. With {@code synchronize}, a user missing in 4biz is created from {@code contact} (in 4biz's own
     * unit and group, never the caller's); without it, an unknown user is refused. The origin is 4biz's own setting:
     * the body has no documented field for it.
     */
    @POST
    @Path("/request/create")
    public Response createRequest(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            JsonNode source = body.path("sourceRequest");
            String numberOrigin = text(source, "numberOrigin");
            String userID = text(source, "userID");
            String contract = text(source, "contractID");
            String service = text(source.path("service"), "code");
            if (numberOrigin == null || numberOrigin.length() > 50 || userID == null || contract == null
                    || service == null || text(source, "description") == null) {
                return error("PARAM",
                        "numberOrigin (<= 50), userID, description, contractID and service.code are required");
            }
            JsonNode contact = source.path("contact");
            if (!state.hasEmployee(userID)) {
                if (!body.path("synchronize").asBoolean(false)) {
                    return error("INPUT", "unknown user " + userID);
                }
                state.synchronize(userID, text(contact, "name"), text(contact, "phoneNumber"), text(contact, "email"),
                        newRequesterUnit, List.of(newRequesterGroup));
            }
            if (faults.rejects(service)) {
                return error("INPUT", "unknown activity " + service);
            }
            FourBizState.Ticket ticket = state.createTicket(numberOrigin, userID, text(source, "description"), contract,
                    service, originId, text(contact, "name"), text(contact, "phoneNumber"));
            if (ticket == null) {
                return error("INPUT", "numberOrigin " + numberOrigin + " already exists");
            }
            return ok(request(ticket));
        }));
    }

    /**
     * A requester's tickets ({@code request/getByUser}, documented with {@code userID}, dates and status; its answer's
     * shape is not: here {@code {"requests":[…]}}, each as getById answers it). Dates and status are not filtered.
     */
    @POST
    @Path("/request/getByUser")
    public Response requesterTickets(JsonNode body) {
        return faults.apply(() -> withSession(body, () -> {
            String userId = text(body, "userID");
            if (userId == null) {
                return error("PARAM", "userID is required");
            }
            ObjectNode answer = answer();
            var list = answer.putArray("requests");
            state.tickets().stream().filter(t -> userId.equals(t.userID()))
                    .forEach(t -> list.add(request(t).path("request")));
            return ok(answer);
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
                if (!extended) {
                    continue; // the files on a follow-up are not in the documented answer
                }
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
     * Attaches files to a ticket, in the documented body: {@code name}, {@code content} (base64) and
     * {@code extension} per file. 4biz keys them by nothing of the caller's: a repeat is a second file. At most 16 MB.
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
            List<byte[]> contents = new ArrayList<>();
            for (JsonNode item : body.path("attachments")) {
                byte[] content;
                try {
                    content = Base64.getDecoder().decode(item.path("content").asText(""));
                } catch (IllegalArgumentException e) {
                    return error("PARAM", "content must be base64");
                }
                if (text(item, "name") == null || text(item, "extension") == null || content.length > 16 * 1024 * 1024) {
                    return error("PARAM", "name, extension and content (at most 16 MB) are required");
                }
                contents.add(content);
            }
            ObjectNode answer = answer();
            int index = 0;
            for (JsonNode item : body.path("attachments")) {
                state.addAttachment(requestNumber, text(item, "name"), contentType(text(item, "extension")),
                        contents.get(index++));
            }
            return ok(answer);
        }));
    }

    private static String contentType(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "pdf" -> "application/pdf";
            case "ogg" -> "audio/ogg";
            case "mp3" -> "audio/mpeg";
            case "mp4" -> "video/mp4";
            case "txt" -> "text/plain";
            default -> "application/octet-stream";
        };
    }

    private Response notFound() {
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity("<html><body><h1>HTTP Status 404 - Not Found</h1></body></html>").build();
    }

    private Response withSession(JsonNode body, Supplier<Response> call) {
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
