package omnichannel.simulators.twilio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

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
            String contentSid, String contentVariables, String statusCallback, String status, Instant createdAt) {
    }

    /** Twilio's dates (RFC 2822 with a numeric offset, "Thu, 30 Jul 2015 20:12:31 +0000"), as the SDK parses them. */
    private static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US);

    private final List<SentMessage> messages = new CopyOnWriteArrayList<>();
    private final ObjectMapper json;
    private final StatusCallbacks callbacks;
    private final MediaFetches mediaFetches;
    private final long messagesPerSecond;
    private final Map<String, Bucket> senders = new ConcurrentHashMap<>();
    private final Map<String, Instant> windows = new ConcurrentHashMap<>();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong stormThrottled = new AtomicLong();
    private volatile long stormUntilNanos;

    public TwilioMessagesResource(ObjectMapper json, StatusCallbacks callbacks, MediaFetches mediaFetches,
            @ConfigProperty(name = "simulators.twilio.messages-per-second") long messagesPerSecond) {
        this.mediaFetches = mediaFetches;
        this.json = json;
        this.callbacks = callbacks;
        this.messagesPerSecond = messagesPerSecond;
    }

    /**
     * What the simulator answered, for tests that must see no 429.
     *
     * @param throttled 429s because a sender went above its rate (a caller's fault)
     * @param stormThrottled 429s answered to everything during a storm a test asked for (not the caller's fault)
     */
    public record Stats(int accepted, long throttled, long stormThrottled) {
    }

    /** A throttling storm: for {@code millis}, every send is answered 429/20429 whatever the sender's rate. */
    public record Storm(long millis) {
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
        if (System.nanoTime() < stormUntilNanos) {
            stormThrottled.incrementAndGet();
            return error(429, 20429, "Too Many Requests");
        }
        if (!senders.computeIfAbsent(String.valueOf(form.getFirst("From")), sender -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(messagesPerSecond)
                        .refillGreedy(messagesPerSecond, Duration.ofSeconds(1)).build())
                .build()).tryConsume(1)) {
            throttled.incrementAndGet();
            return error(429, 20429, "Too Many Requests");
        }
        String sid = (media.isEmpty() ? "SM" : "MM") + UUID.randomUUID().toString().replace("-", "");
        SentMessage message = new SentMessage(sid, accountSid, to, form.getFirst("From"), body, media, contentSid,
                form.getFirst("ContentVariables"), form.getFirst("StatusCallback"), "queued", Instant.now());
        messages.add(message);
        if (contentSid == null && !media.isEmpty()) {
            mediaFetches.fetch(sid, media);
        }
        if (contentSid == null && !windowOpen(form.getFirst("From"), to)) {
            callbacks.windowClosed(message, password(authorization));
        } else {
            callbacks.progress(message, password(authorization));
        }
        return Response.status(201).entity(resource(message)).build();
    }

    /**
     * The account's messages, newest first, filtered by {@code To} and {@code From} as Twilio's list does, in Twilio's
     * 2010 page format (what the SDK's {@code Message.reader()} reads). Only the first page: the simulator keeps few.
     */
    @GET
    @Path("2010-04-01/Accounts/{accountSid}/Messages.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("accountSid") String accountSid, @HeaderParam("Authorization") String authorization,
            @QueryParam("To") String to, @QueryParam("From") String from, @QueryParam("PageSize") Integer pageSize) {
        if (!authenticates(authorization, accountSid)) {
            return error(401, 20003, "Authenticate");
        }
        int size = pageSize == null ? 50 : Math.max(1, Math.min(pageSize, 1000));
        List<SentMessage> newestFirst = new ArrayList<>(messages);
        Collections.reverse(newestFirst);
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Messages.json?PageSize=" + size + "&Page=0";
        ObjectNode page = json.createObjectNode().put("uri", uri).put("first_page_uri", uri).putNull("next_page_uri")
                .putNull("previous_page_uri").put("page", 0).put("page_size", size).put("start", 0);
        ArrayNode records = page.putArray("messages");
        newestFirst.stream()
                .filter(message -> message.accountSid().equals(accountSid))
                .filter(message -> to == null || to.equals(message.to()))
                .filter(message -> from == null || from.equals(message.from()))
                .limit(size)
                .forEach(message -> records.add(resource(message)));
        page.put("end", Math.max(0, records.size() - 1));
        return Response.ok(page).build();
    }

    /**
     * When a person last wrote to a business number, as a test tells it (the simulator does not see the webhooks the
     * tests post): free-form messages to that person fail with 63016 more than 24 hours after it. A pair nobody told
     * the simulator about counts as inside the window.
     */
    public record Window(String business, String person, Instant lastInboundAt) {
    }

    @PUT
    @Path("simulators/twilio/windows")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response window(Window window) {
        if (window == null || window.business() == null || window.person() == null || window.lastInboundAt() == null) {
            return error(400, 21604, "business, person and lastInboundAt are required");
        }
        windows.put(whatsapp(window.business()) + "|" + whatsapp(window.person()), window.lastInboundAt());
        return Response.noContent().build();
    }

    private boolean windowOpen(String from, String to) {
        Instant last = windows.get(whatsapp(String.valueOf(from)) + "|" + whatsapp(String.valueOf(to)));
        return last == null || last.isAfter(Instant.now().minus(Duration.ofHours(24)));
    }

    private static String whatsapp(String address) {
        return address.startsWith("whatsapp:") ? address : "whatsapp:" + address;
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
        String now = message.createdAt().atZone(ZoneOffset.UTC).format(TWILIO_DATE);
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

    /** The Auth Token of the request, used only to sign this message's callbacks (never stored or shown). */
    private static String password(String authorization) {
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        return decoded.substring(decoded.indexOf(':') + 1);
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

    @GET
    @Path("simulators/twilio/messages/{sid}/callbacks")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> callbacksOf(@PathParam("sid") String sid) {
        return callbacks.delivered(sid);
    }

    /** What fetching the message's media URLs gave, in their order (Twilio fetches them after accepting). */
    @GET
    @Path("simulators/twilio/messages/{sid}/media")
    @Produces(MediaType.APPLICATION_JSON)
    public List<MediaFetches.Fetch> mediaOf(@PathParam("sid") String sid) {
        return mediaFetches.of(sid);
    }

    @GET
    @Path("simulators/twilio/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public Stats stats() {
        return new Stats(messages.size(), throttled.get(), stormThrottled.get());
    }

    @PUT
    @Path("simulators/twilio/faults/storm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response storm(Storm storm) {
        // overlapping storms add up: a longer one is not shortened
        stormUntilNanos = Math.max(stormUntilNanos, System.nanoTime() + storm.millis() * 1_000_000);
        return Response.noContent().build();
    }

    @DELETE
    @Path("simulators/twilio/messages")
    public Response reset() {
        messages.clear();
        mediaFetches.reset();
        windows.clear();
        throttled.set(0);
        stormThrottled.set(0);
        stormUntilNanos = 0;
        return Response.noContent().build();
    }
}
