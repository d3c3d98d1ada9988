package omnichannel.bridge.client;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.bridge.client.FourBizCapabilities.Capability;
import omnichannel.bridge.config.FourBizConfig;
import omnichannel.platform.resilience.DependencyBreaker;

/**
 * The 4biz calls the bridge makes, in one adapter: the default path uses only operations 4biz documents
 * (fourbiz-api.md), everything else is an optional {@link FourBizCapabilities capability} that can never hold a message
 * back. Each operation is tried under {@code /services}, then {@code /webmvc/services} after a plain 404, and the form
 * that answered is kept.
 */
@ApplicationScoped
public class FourBizClient {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HHmm");
    private static final String SERVICES = "/services/";
    private static final String WEBMVC_SERVICES = "/webmvc/services/";

    private final WebClient client;
    private final FourBizConfig config;
    private final String baseUrl;
    private final ObjectMapper json;
    private final FourBizCapabilities capabilities;

    /** The session in use, or the login in flight: concurrent calls share one login. */
    private final AtomicReference<Uni<String>> session = new AtomicReference<>();

    /** The prefix each operation answered under, once known. */
    private final Map<String, String> prefixes = new ConcurrentHashMap<>();

    /**
     * 4biz's breaker, shared by every conversation and the answer poller: only what says 4biz is in trouble counts
     * (timeouts, resets, 5xx, 429, {@code INTERNAL}); a refusal or an absent operation is an answer.
     */
    private final DependencyBreaker breaker;

    private final MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    public FourBizClient(Vertx vertx, FourBizConfig config, ObjectMapper json, MeterRegistry metrics) {
        this.config = config;
        this.registry = metrics;
        this.json = json;
        this.baseUrl = config.baseUrl().endsWith("/")
                ? config.baseUrl().substring(0, config.baseUrl().length() - 1)
                : config.baseUrl();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setKeepAlive(true).setMaxPoolSize(64)
                .setFollowRedirects(false));
        this.capabilities = new FourBizCapabilities(config.capabilities(), metrics);
        this.breaker = new DependencyBreaker("4biz", FourBizException::isOutage, metrics);
    }

    /** A requester to upsert through the employee web service (optional capability), idempotent by login. */
    public record Requester(String login, String name, String phoneNumber, long unitId, long groupId) {
    }

    /** A ticket to create; {@code numberOrigin} is our idempotency key. */
    public record NewTicket(String numberOrigin, String description, String userLogin, String contactName,
            String contactPhone, String contractId, long activityId) {
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
     * {@code attachments} are not documented: empty unless this 4biz lists them with the follow-up.
     */
    public record Occurrence(String id, String numberOrigin, String description, String category,
            List<TicketAttachment> attachments) {
    }

    /** A file's content, as 4biz serves it. */
    public record AttachmentContent(String fileName, String contentType, byte[] content) {
    }

    /** A file to attach to a ticket, in the documented body ({@code name}, {@code content}, {@code extension}). */
    public record NewAttachment(String ticketNumber, String fileName, String extension, byte[] content) {

        @Override
        public String toString() {
            return "NewAttachment[" + ticketNumber + ", " + fileName + ", " + content.length + " bytes]";
        }
    }

    /** A file on an attendant's follow-up, as a 4biz that lists them names it. */
    public record TicketAttachment(String id, String fileName, String contentType, long size) {
    }

    /** A colaborador as the employee query returns it. */
    public record Employee(String login, String name, String phoneNumber) {
    }

    /** A unit as 4biz's reference data lists it. */
    public record Unit(long id, String name) {
    }

    public FourBizCapabilities capabilities() {
        return capabilities;
    }

    /**
     * The colaboradores whose phone number is one of {@code numbers}, through the named query the deployment
     * configured ({@code data/query}); empty when none is configured, this 4biz lacks it, or it fails: the interaction's
     * requester policy then applies. Never holds a message back.
     */
    public Uni<List<Employee>> employeesByPhone(List<String> numbers) {
        if (!capabilities.usable(Capability.EMPLOYEE_QUERY)) {
            return Uni.createFrom().item(List.of());
        }
        FourBizConfig.Capabilities c = config.capabilities();
        ObjectNode body = json.createObjectNode().put("queryName", c.employeeQuery().orElseThrow());
        numbers.forEach(body.putObject("parameters").putArray(c.employeeQueryParameter())::add);
        return optional(Capability.EMPLOYEE_QUERY, () -> call("data/query", body).map(answer -> {
            List<Employee> found = new ArrayList<>();
            answer.path("result").forEach(row -> found.add(new Employee(row.path("login").asText(null),
                    row.path("name").asText(null), row.path("phoneNumber").asText(null))));
            return found.stream().filter(e -> e.login() != null && !e.login().isBlank()).toList();
        }), List.of());
    }

    /**
     * Upserts the requester in the interaction's default unit and group through the configured employee web service;
     * does nothing when none is configured or this 4biz lacks it ({@code request/create} then creates the requester).
     * Never holds a message back.
     */
    public Uni<Void> upsertRequester(Requester requester) {
        if (!capabilities.usable(Capability.REQUESTER_UPSERT)) {
            return Uni.createFrom().voidItem();
        }
        ObjectNode body = json.createObjectNode();
        ObjectNode employee = body.putObject("employee")
                .put("login", requester.login())
                .put("name", requester.name())
                .put("phoneNumber", requester.phoneNumber())
                .put("unitId", requester.unitId());
        employee.putArray("groupIds").add(requester.groupId());
        return optional(Capability.REQUESTER_UPSERT,
                () -> call(config.capabilities().requesterUpsert().orElseThrow(), body).replaceWithVoid(), null);
    }

    /**
     * Creates the ticket, 4biz creating the requester from the contact when it has no user with that login
     * ({@code synchronize}), or finds the one an earlier attempt created with the same {@code numberOrigin}: 4biz
     * rejects a repeated numberOrigin, which makes a retry or a redelivery safe.
     */
    public Uni<Ticket> createTicket(NewTicket ticket) {
        ObjectNode body = json.createObjectNode().put("synchronize", true);
        ObjectNode source = body.putObject("sourceRequest")
                .put("numberOrigin", ticket.numberOrigin())
                .put("type", "R")
                .put("description", ticket.description())
                .put("userID", ticket.userLogin())
                .put("contractID", ticket.contractId())
                .put("urgency", "M")
                .put("impact", "M");
        source.putObject("contact").put("name", ticket.contactName()).put("phoneNumber",
                ticket.contactPhone() == null ? "" : ticket.contactPhone()).put("email", "");
        source.putObject("service").put("code", Long.toString(ticket.activityId()));
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

    /** The ticket created with this numberOrigin, or null. */
    public Uni<Ticket> ticketByOrigin(String numberOrigin) {
        return call("request/getById", json.createObjectNode().put("numberOrigin", numberOrigin))
                .map(FourBizClient::ticketOf)
                .onFailure(e -> e instanceof FourBizException f && f.isInputError()).recoverWithNull();
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
     * Attaches the file with the documented body. 4biz keys attachments by nothing of ours, so the caller records what
     * was attached ({@code AttachedFileStore}); Jackson writes the bytes as base64 while it serialises the body.
     */
    public Uni<Void> addAttachment(NewAttachment attachment) {
        ObjectNode body = json.createObjectNode().put("mediaType", "application/json")
                .put("requestNumber", attachment.ticketNumber());
        body.putArray("attachments").addObject()
                .put("name", attachment.fileName())
                .put("content", attachment.content())
                .put("extension", attachment.extension());
        return call("request/addAttachments", body).replaceWithVoid();
    }

    /**
     * The numbers of a requester's tickets: {@code request/getByUser {"userID"}} (documented). The shape of its answer
     * is not (an assumption): every {@code number} in it is taken, wherever it is nested, so a shape we did not expect
     * lists nothing rather than something wrong.
     */
    public Uni<Set<String>> ticketNumbersOf(String requesterLogin) {
        return call("request/getByUser", json.createObjectNode().put("userID", requesterLogin)).map(answer -> {
            Set<String> numbers = new HashSet<>();
            answer.findValues("number").forEach(number -> {
                if (number.isValueNode()) {
                    numbers.add(number.asText());
                }
            });
            return numbers;
        });
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

    /**
     * One file of a ticket with its content, through the configured {@code /webmvc} attachment read. Fails for good
     * ({@link FourBizException#isPermanent()}) when 4biz does not have the file, or the capability is off or absent.
     */
    public Uni<AttachmentContent> attachment(String ticketNumber, String attachmentId) {
        if (!capabilities.usable(Capability.ATTACHMENT_READ)) {
            return Uni.createFrom().failure(new FourBizException("attachment read", 404, null, "not available"));
        }
        String path = config.capabilities().attachmentRead().orElseThrow()
                .replace("{ticket}", encode(ticketNumber)).replace("{attachment}", encode(attachmentId));
        return guarded("attachment read",
                () -> withSession("attachment read", id -> client.requestAbs(HttpMethod.GET, url(path))
                        .putHeader("Authorization", "Bearer " + id).putHeader("authentication-token", id)
                        .timeout(config.callTimeout().toMillis()).send()
                        .map(response -> {
                            if (response.statusCode() / 100 != 2) {
                                throw failure("attachment read", response);
                            }
                            Buffer content = response.body();
                            return new AttachmentContent(null, response.getHeader("Content-Type"),
                                    content == null ? new byte[0] : content.getBytes());
                        })))
                // a 404 names a file 4biz no longer has; 405/501 say this 4biz has no such read
                .onFailure(e -> e instanceof FourBizException f && f.isAbsent() && f.status() != 404)
                .invoke(e -> capabilities.absent(Capability.ATTACHMENT_READ, (FourBizException) e));
    }

    /** 4biz's units whose name contains {@code query} (documented {@code /webmvc/v1/unit}), at most {@code limit}. */
    public Uni<List<Unit>> units(String query, int limit) {
        String path = "/webmvc/v1/unit?unitQuery=" + encode(query == null ? "" : query) + "&limit=" + limit;
        return guarded("unit", () -> withSession("unit", id -> client.requestAbs(HttpMethod.GET, url(path))
                .putHeader("Authorization", "Bearer " + id).putHeader("authentication-token", id)
                .putHeader("Accept", "application/json")
                .timeout(config.callTimeout().toMillis()).send()
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw failure("unit", response);
                    }
                    JsonNode list = parse(response.bodyAsString());
                    List<Unit> units = new ArrayList<>();
                    (list.isArray() ? list : list.path("result")).forEach(item -> units.add(
                            new Unit(item.path("id").asLong(), item.path("name").asText(""))));
                    return units;
                })));
    }

    /** Logs in (a fresh session): the first step of a connection test. */
    public Uni<Void> login() {
        session.set(null);
        return loggedIn();
    }

    /** The session in use, or a login when there is none: whether this bridge can work with 4biz now. */
    public Uni<Void> loggedIn() {
        return guarded("login", () -> session()).replaceWithVoid();
    }

    /**
     * Whether this 4biz serves {@code operation}, asked with a body that cannot change anything (an unknown ticket, an
     * empty list): any answer but a plain 404/405/501 says it is there.
     */
    public Uni<Boolean> serves(String operation, ObjectNode harmlessBody) {
        return call(operation, harmlessBody).replaceWith(true)
                .onFailure(e -> e instanceof FourBizException f && f.isPermanent())
                .recoverWithItem(e -> !((FourBizException) e).isAbsent());
    }

    /** The operation's body to probe with: JSON the caller fills in. */
    public ObjectNode body() {
        return json.createObjectNode();
    }

    /**
     * An optional capability's call: a 4biz that answers it lacks the capability has it switched off; any failure
     * (refusal, outage) gives {@code otherwise}, so the message goes on by the documented path.
     */
    private <T> Uni<T> optional(Capability capability, Supplier<Uni<T>> call, T otherwise) {
        return call.get().onFailure().recoverWithItem(failure -> {
            if (failure instanceof FourBizException f && f.isAbsent()) {
                capabilities.absent(capability, f);
            } else {
                Log.warnf("optional 4biz capability %s failed, the documented path is used: %s", capability.label(),
                        failure.getMessage());
            }
            return otherwise;
        });
    }

    private static List<TicketAttachment> attachmentsOf(JsonNode node) {
        List<TicketAttachment> list = new ArrayList<>();
        node.path("attachments").forEach(item -> list.add(new TicketAttachment(item.path("id").asText(),
                item.path("fileName").asText(item.path("name").asText(null)), item.path("contentType").asText(null),
                item.path("size").asLong())));
        return list;
    }

    private static Ticket ticketOf(JsonNode answer) {
        JsonNode request = answer.path("request");
        return new Ticket(request.path("number").asText(), request.path("numberOrigin").asText(null),
                request.path("status").path("code").asText(null));
    }

    /** A services call with the session, through the breaker, answered on the caller's context. */
    private Uni<JsonNode> call(String operation, ObjectNode body) {
        return guarded(operation, () -> withSession(operation, id -> {
            body.put("sessionID", id);
            return post(operation, body);
        }));
    }

    /**
     * Through the breaker and timed ({@code omnichannel_bridge_fourbiz_calls_seconds{operation,outcome}}, the outcome
     * {@code ok} or 4biz's error code or HTTP status), the answer delivered on the caller's context (where its database
     * session lives). Every 4biz call passes here.
     */
    private <T> Uni<T> guarded(String operation, Supplier<Uni<T>> call) {
        Context caller = io.vertx.core.Vertx.currentContext();
        Uni<T> result = Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return breaker.call(call).onItemOrFailure().invoke((item, failure) -> sample.stop(timer(operation,
                    outcome(failure))));
        });
        return caller == null ? result : result.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private Timer timer(String operation, String outcome) {
        return timers.computeIfAbsent(List.of(operation, outcome), key -> Timer.builder("omnichannel_bridge_fourbiz_calls")
                .tag("operation", operation).tag("outcome", outcome).register(registry));
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof FourBizException e) {
            return e.code() != null ? e.code() : "HTTP_" + e.status();
        }
        return failure.getClass().getSimpleName();
    }

    /** Runs the call with the session; when 4biz says it expired, logs in again and repeats the call once. */
    private <T> Uni<T> withSession(String operation, Function<String, Uni<T>> call) {
        return once(call).onFailure(e -> e instanceof FourBizException f && f.isSessionExpired())
                .recoverWithUni(expired -> once(call).onFailure(FourBizException.class)
                        .transform(e -> ((FourBizException) e).afterFreshLogin()));
    }

    private <T> Uni<T> once(Function<String, Uni<T>> call) {
        Uni<String> current = session();
        return current.chain(id -> call.apply(id)).onFailure(e -> e instanceof FourBizException f && f.isSessionExpired())
                // forget the expired session (unless another call already replaced it) so the repeat logs in again
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
        Uni<String> login = post("login", body)
                .map(answer -> answer.path("sessionID").asText(null))
                .onItem().ifNull().failWith(() -> new FourBizException("login", 200, "INTERNAL", "no sessionID"))
                // a login refused by the session check is a refusal of the user, not an expired session
                .onFailure(e -> e instanceof FourBizException f && f.isSessionExpired())
                .transform(e -> ((FourBizException) e).afterFreshLogin())
                .invoke(() -> Log.info("logged in to 4biz"))
                // a failed login is not kept: the next call tries again
                .onFailure().invoke(() -> session.compareAndSet(self.get(), null))
                .memoize().indefinitely();
        self.set(login);
        return session.compareAndSet(null, login) ? login : Objects.requireNonNullElse(session.get(), login);
    }

    /**
     * POSTs to the operation under the prefix it answers at: {@code /services}, else {@code /webmvc/services} when the
     * first answers a plain 404. The first HTTP answer that is not a plain 404 fixes the prefix for the operation.
     */
    private Uni<JsonNode> post(String operation, ObjectNode body) {
        String known = prefixes.get(operation);
        if (known != null) {
            return post(known, operation, body);
        }
        return post(SERVICES, operation, body).onItemOrFailure().transformToUni((answer, failure) -> {
            if (!plain404(failure)) {
                return settled(operation, SERVICES, answer, failure);
            }
            return post(WEBMVC_SERVICES, operation, body).onItemOrFailure().transformToUni((other, again) -> {
                if (plain404(again)) {
                    return Uni.createFrom().failure(failure);
                }
                if (again == null) {
                    Log.infof("4biz serves %s under %s", operation, WEBMVC_SERVICES);
                }
                return settled(operation, WEBMVC_SERVICES, other, again);
            });
        });
    }

    private static boolean plain404(Throwable failure) {
        return failure instanceof FourBizException f && f.status() == 404 && f.code() == null;
    }

    /** An HTTP answer under {@code prefix}, the operation's from now on; a timeout or reset says nothing of it. */
    private Uni<JsonNode> settled(String operation, String prefix, JsonNode answer, Throwable failure) {
        if (failure == null || failure instanceof FourBizException) {
            prefixes.put(operation, prefix);
        }
        return failure == null ? Uni.createFrom().item(answer) : Uni.createFrom().failure(failure);
    }

    private Uni<JsonNode> post(String prefix, String operation, ObjectNode body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException(e));
        }
        return client.requestAbs(HttpMethod.POST, url(prefix + operation))
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json")
                .timeout(config.callTimeout().toMillis())
                .sendBuffer(Buffer.buffer(bytes))
                .map(response -> {
                    JsonNode answer = parse(response.bodyAsString());
                    JsonNode error = answer.path("error");
                    if (response.statusCode() / 100 == 2 && !error.hasNonNull("code")) {
                        return answer;
                    }
                    throw new FourBizException(operation, response.statusCode(), error.path("code").asText(null),
                            error.path("description").asText(null));
                });
    }

    private FourBizException failure(String operation, HttpResponse<Buffer> response) {
        JsonNode error = parse(response.bodyAsString()).path("error");
        return new FourBizException(operation, response.statusCode(), error.path("code").asText(null),
                error.path("description").asText(null));
    }

    private String url(String path) {
        return baseUrl + path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode parse(String entity) {
        if (entity == null || entity.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(entity);
        } catch (IOException e) {
            // a servlet container's HTML page, a proxy's text: only the status speaks
            return json.createObjectNode();
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
