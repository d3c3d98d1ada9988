package omnichannel.bridge.client;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.config.FourBizConfig;
import omnichannel.platform.resilience.DependencyBreaker;

/**
 * The 4biz calls the bridge makes (fourbiz-api.md), behind one adapter so a deployment whose 4biz differs (the
 * employee service path, the origin field, the attachment calls) changes one class. Logs in once, reuses the session, and logs in again
 * when 4biz says the session expired.
 */
@ApplicationScoped
public class FourBizClient {

    private final FourBizApi api;
    private final FourBizConfig config;
    private final ObjectMapper json;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HHmm");

    /** The session in use, or the login in flight: concurrent calls share one login. */
    private final AtomicReference<Uni<String>> session = new AtomicReference<>();

    /**
     * 4biz's breaker, shared by every conversation and the answer poller: timeouts, 5xx and {@code INTERNAL} count;
     * 4biz refusing the data ({@code INPUT}, {@code PARAM}, {@code PERMISSION}) is an answer and does not.
     */
    private final DependencyBreaker breaker;

    public FourBizClient(@RestClient FourBizApi api, FourBizConfig config, ObjectMapper json, MeterRegistry metrics) {
        this.api = api;
        this.config = config;
        this.json = json;
        this.breaker = new DependencyBreaker("4biz", failure -> !(failure instanceof FourBizException f && f.isPermanent()),
                metrics);
    }

    /** A requester to find or create, idempotent by login. */
    public record Requester(String login, String name, String phoneNumber, long unitId, long groupId) {
    }

    /** A ticket to create; {@code numberOrigin} is our idempotency key. */
    public record NewTicket(String numberOrigin, String description, String userLogin, String contactName,
            String contactPhone, String contractId, long activityId, long originId) {
    }

    /** A ticket as 4biz reports it. */
    public record Ticket(String number, String numberOrigin, String statusCode) {
    }

    /** A follow-up to add; {@code numberOrigin} is our idempotency key. */
    public record NewOccurrence(String ticketNumber, String numberOrigin, String description, LocalDateTime at,
            String category) {
    }

    /**
     * A follow-up as 4biz lists it; {@code numberOrigin} is null for those attendants wrote in 4biz. Its
     * {@code attachments} (files the attendant attached to it) are an <b>assumption</b>: the list's items carry them.
     */
    public record Occurrence(String id, String numberOrigin, String description, String category,
            List<TicketAttachment> attachments) {
    }

    /** A file's content, as 4biz serves it ({@code request/getAttachment}, an <b>assumption</b>). */
    public record AttachmentContent(String fileName, String contentType, byte[] content) {
    }

    /**
     * A file to attach to a ticket; {@code numberOrigin} is our idempotency key. The call is an <b>assumption</b>
     * (4biz's Citrest services name {@code request/addAttachments}; the body below is not public): a JSON body with the
     * file in base64 and 4biz rejecting a repeated {@code numberOrigin} as it does for tickets and follow-ups.
     */
    public record NewAttachment(String ticketNumber, String numberOrigin, String fileName, String contentType,
            String description, byte[] content) {

        @Override
        public String toString() {
            return "NewAttachment[" + ticketNumber + ", " + numberOrigin + ", " + fileName + ", " + contentType + ", "
                    + content.length + " bytes]";
        }
    }

    /** A file on a ticket as 4biz lists it ({@code request/listAttachments}, an <b>assumption</b> as above). */
    public record TicketAttachment(String id, String numberOrigin, String fileName, String contentType, long size) {
    }

    /** A colaborador as 4biz's employee search returns it. */
    public record Employee(String login, String name, String phoneNumber) {
    }

    /**
     * The colaboradores whose phone number is one of {@code numbers}. An <b>assumption</b> like the employee service's
     * path: {@code employee/search} {@code {"phoneNumbers":[…]}} → {@code {"employees":[{"login","name","phoneNumber"}]}},
     * 4biz comparing digits only. A 4biz without the service (HTTP 404, 405, 501) finds nobody: the interaction's
     * requester policy then applies, and the service's absence is logged.
     */
    public Uni<List<Employee>> employeesByPhone(List<String> numbers) {
        ObjectNode body = json.createObjectNode();
        numbers.forEach(body.putArray("phoneNumbers")::add);
        return call("employee/search", body)
                .map(answer -> {
                    List<Employee> found = new ArrayList<>();
                    answer.path("employees").forEach(item -> found.add(new Employee(item.path("login").asText(null),
                            item.path("name").asText(null), item.path("phoneNumber").asText(null))));
                    return found.stream().filter(e -> e.login() != null && !e.login().isBlank()).toList();
                })
                .onFailure(e -> e instanceof FourBizException f
                        && (f.status() == 404 || f.status() == 405 || f.status() == 501))
                .recoverWithItem(e -> {
                    Log.warnf("4biz has no employee search (%s): people are not looked up by phone", e.getMessage());
                    return List.of();
                });
    }

    public Uni<Long> synchronizeRequester(Requester requester) {
        ObjectNode body = json.createObjectNode();
        ObjectNode employee = body.putObject("employee")
                .put("login", requester.login())
                .put("name", requester.name())
                .put("phoneNumber", requester.phoneNumber())
                .putNull("email")
                .put("unitId", requester.unitId());
        employee.putArray("groupIds").add(requester.groupId());
        return call("employee/synchronize", body).map(answer -> answer.path("employee").path("id").asLong());
    }

    /**
     * Creates the ticket, or finds the one an earlier attempt created with the same {@code numberOrigin}: 4biz rejects
     * a repeated numberOrigin, which makes a retry or a redelivery safe.
     */
    public Uni<Ticket> createTicket(NewTicket ticket) {
        ObjectNode body = json.createObjectNode().put("synchronize", false);
        ObjectNode source = body.putObject("sourceRequest")
                .put("numberOrigin", ticket.numberOrigin())
                .put("type", "R")
                .put("description", ticket.description())
                .put("userID", ticket.userLogin())
                .put("contractID", ticket.contractId())
                .put("urgency", "M")
                .put("impact", "M");
        source.putObject("contact").put("name", ticket.contactName()).put("phoneNumber", ticket.contactPhone())
                .put("email", "");
        source.putObject("service").put("code", Long.toString(ticket.activityId()));
        source.putObject("origin").put("code", Long.toString(ticket.originId()));
        return call("request/create", body)
                .map(FourBizClient::ticketOf)
                .onFailure(e -> e instanceof FourBizException f && f.isInputError())
                .recoverWithUni(rejection -> ticketByOrigin(ticket.numberOrigin())
                        .onItem().ifNull().failWith(rejection)
                        .invoke(existing -> Log.infof("ticket %s already existed for numberOrigin %s", existing.number(),
                                ticket.numberOrigin())));
    }

    /** The ticket with this number; a permanent failure when 4biz does not know it. */
    public Uni<Ticket> ticket(String number) {
        return call("request/getById", json.createObjectNode().put("number", number)).map(FourBizClient::ticketOf);
    }

    /**
     * Adds the follow-up, or accepts that an earlier attempt added it: 4biz rejects a repeated numberOrigin. The
     * rejection is told apart from other input errors by listing the ticket's follow-ups.
     */
    public Uni<Void> createOccurrence(NewOccurrence occurrence) {
        ObjectNode body = json.createObjectNode().put("requestNumber", occurrence.ticketNumber());
        ObjectNode item = body.putObject("occurrence")
                .put("numberOrigin", occurrence.numberOrigin())
                .put("description", occurrence.description())
                .put("date", occurrence.at().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .put("hour", occurrence.at().format(HOUR));
        item.putObject("category").put("code", occurrence.category());
        return call("request/createOccurrence", body).replaceWithVoid()
                .onFailure(e -> e instanceof FourBizException f && f.isInputError())
                .recoverWithUni(rejection -> occurrences(occurrence.ticketNumber())
                        .map(list -> list.stream().anyMatch(o -> occurrence.numberOrigin().equals(o.numberOrigin())))
                        .onFailure().recoverWithItem(false)
                        .invoke(exists -> {
                            if (!exists) {
                                throw (FourBizException) rejection;
                            }
                            Log.infof("follow-up %s already existed on ticket %s", occurrence.numberOrigin(),
                                    occurrence.ticketNumber());
                        })
                        .replaceWithVoid());
    }

    /**
     * Attaches the file, or accepts that an earlier attempt attached it: 4biz rejects a repeated numberOrigin, told
     * apart from other input errors by listing the ticket's attachments. Jackson writes the bytes as base64 while it
     * serialises the body, so the file is not held twice as text.
     */
    public Uni<Void> addAttachment(NewAttachment attachment) {
        ObjectNode body = json.createObjectNode().put("requestNumber", attachment.ticketNumber());
        body.putArray("attachments").addObject()
                .put("numberOrigin", attachment.numberOrigin())
                .put("fileName", attachment.fileName())
                .put("contentType", attachment.contentType())
                .put("description", attachment.description())
                .put("content", attachment.content());
        return call("request/addAttachments", body).replaceWithVoid()
                .onFailure(e -> e instanceof FourBizException f && f.isInputError())
                .recoverWithUni(rejection -> attachments(attachment.ticketNumber())
                        .map(list -> list.stream().anyMatch(a -> attachment.numberOrigin().equals(a.numberOrigin())))
                        .onFailure().recoverWithItem(false)
                        .invoke(exists -> {
                            if (!exists) {
                                throw (FourBizException) rejection;
                            }
                            Log.infof("attachment %s already existed on ticket %s", attachment.numberOrigin(),
                                    attachment.ticketNumber());
                        })
                        .replaceWithVoid());
    }

    /** The ticket's attachments, without their content. */
    public Uni<List<TicketAttachment>> attachments(String ticketNumber) {
        return call("request/listAttachments", json.createObjectNode().put("requestNumber", ticketNumber))
                .map(FourBizClient::attachmentsOf);
    }

    /** One file of the ticket with its content; a permanent failure when 4biz does not know it. */
    public Uni<AttachmentContent> attachment(String ticketNumber, String attachmentId) {
        return call("request/getAttachment", json.createObjectNode().put("requestNumber", ticketNumber)
                .put("attachmentId", attachmentId)).map(answer -> {
                    JsonNode file = answer.path("attachment");
                    try {
                        return new AttachmentContent(file.path("fileName").asText(null),
                                file.path("contentType").asText(null), file.path("content").binaryValue());
                    } catch (java.io.IOException e) {
                        throw new FourBizException("request/getAttachment", 200, "PARAM", "content is not base64");
                    }
                });
    }

    private static List<TicketAttachment> attachmentsOf(JsonNode node) {
        List<TicketAttachment> list = new ArrayList<>();
        node.path("attachments").forEach(item -> list.add(new TicketAttachment(item.path("id").asText(),
                item.path("numberOrigin").isNull() ? null : item.path("numberOrigin").asText(null),
                item.path("fileName").asText(null), item.path("contentType").asText(null), item.path("size").asLong())));
        return list;
    }

    /** The ticket's follow-ups in creation order. */
    public Uni<List<Occurrence>> occurrences(String ticketNumber) {
        return call("request/listOccurrences", json.createObjectNode().put("requestNumber", ticketNumber))
                .map(answer -> {
                    List<Occurrence> list = new ArrayList<>();
                    answer.path("occurrences").forEach(item -> list.add(new Occurrence(item.path("id").asText(),
                            item.path("numberOrigin").isNull() ? null : item.path("numberOrigin").asText(null),
                            item.path("description").asText(""), item.path("category").path("code").asText(null),
                            attachmentsOf(item))));
                    return list;
                });
    }

    /** The ticket created with this numberOrigin, or null. */
    public Uni<Ticket> ticketByOrigin(String numberOrigin) {
        return call("request/getById", json.createObjectNode().put("numberOrigin", numberOrigin))
                .map(FourBizClient::ticketOf)
                .onFailure(e -> e instanceof FourBizException f && f.isInputError()).recoverWithNull();
    }

    private static Ticket ticketOf(JsonNode answer) {
        JsonNode request = answer.path("request");
        return new Ticket(request.path("number").asText(), request.path("numberOrigin").asText(null),
                request.path("status").path("code").asText(null));
    }

    private Uni<JsonNode> call(String operation, ObjectNode body) {
        return breaker.call(() -> withSession(operation, body)
                .onFailure(e -> e instanceof FourBizException f && f.isSessionExpired())
                .recoverWithUni(expired -> withSession(operation, body)));
    }

    private Uni<JsonNode> withSession(String operation, ObjectNode body) {
        Uni<String> current = session();
        return current.chain(id -> {
            body.put("sessionID", id);
            return send(operation, body);
        }).onFailure(e -> e instanceof FourBizException f && f.isSessionExpired())
                // forget the expired session (unless another call already replaced it) and let the caller log in again
                .invoke(() -> session.compareAndSet(current, null));
    }

    private Uni<String> session() {
        Uni<String> current = session.get();
        if (current != null) {
            return current;
        }
        ObjectNode body = json.createObjectNode().put("userName", config.username()).put("password", config.password())
                .put("platform", "omnichannel");
        AtomicReference<Uni<String>> self = new AtomicReference<>();
        Uni<String> login = send("login", body)
                .map(answer -> answer.path("sessionID").asText(null))
                .onItem().ifNull().failWith(() -> new FourBizException("login", 200, "SESSION", "no sessionID"))
                .invoke(() -> Log.info("logged in to 4biz"))
                // a failed login is not kept: the next call tries again
                .onFailure().invoke(() -> session.compareAndSet(self.get(), null))
                .memoize().indefinitely();
        self.set(login);
        return session.compareAndSet(null, login) ? login : java.util.Objects.requireNonNullElse(session.get(), login);
    }

    private Uni<JsonNode> send(String operation, ObjectNode body) {
        return invoke(operation, body)
                // 4biz reports its errors as 412 with a body; the client turns them into exceptions first
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .map(response -> {
                    JsonNode answer = parse(response.hasEntity() ? response.readEntity(String.class) : null);
                    if (response.getStatus() == Response.Status.OK.getStatusCode()) {
                        return answer;
                    }
                    JsonNode error = answer.path("error");
                    throw new FourBizException(operation, response.getStatus(), error.path("code").asText(null),
                            error.path("description").asText(null));
                });
    }

    private Uni<Response> invoke(String operation, ObjectNode body) {
        return switch (operation) {
            case "login" -> api.login(body);
            case "employee/synchronize" -> api.synchronizeEmployee(body);
            case "employee/search" -> api.searchEmployees(body);
            case "request/create" -> api.createRequest(body);
            case "request/getById" -> api.getRequest(body);
            case "request/createOccurrence" -> api.createOccurrence(body);
            case "request/listOccurrences" -> api.listOccurrences(body);
            case "request/addAttachments" -> api.addAttachments(body);
            case "request/listAttachments" -> api.listAttachments(body);
            case "request/getAttachment" -> api.getAttachment(body);
            default -> throw new IllegalArgumentException("unknown 4biz operation " + operation);
        };
    }

    private JsonNode parse(String entity) {
        if (entity == null || entity.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(entity);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
