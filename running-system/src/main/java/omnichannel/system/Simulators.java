package omnichannel.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** What the system tests read from (and do to) the simulators' inspection endpoints. */
public record Simulators(String baseUrl) {

    public List<JsonNode> tickets() {
        return stream(HttpJson.get(baseUrl + "/simulators/fourbiz/tickets").json()).toList();
    }

    public List<JsonNode> ticketsWith(String text) {
        return tickets().stream().filter(ticket -> ticket.path("description").asText().contains(text)).toList();
    }

    public List<JsonNode> ticketsOf(String login) {
        return tickets().stream().filter(ticket -> ticket.path("userID").asText().equals(login)).toList();
    }

    public List<JsonNode> messagesTo(String to) {
        return stream(HttpJson.get(baseUrl + "/simulators/twilio/messages").json())
                .filter(message -> message.path("to").asText().equals(to)).toList();
    }

    public List<JsonNode> employees(String login) {
        return stream(HttpJson.get(baseUrl + "/simulators/fourbiz/employees").json())
                .filter(employee -> employee.path("login").asText().equals(login)).toList();
    }

    /** An attendant writes a follow-up for the requester in 4biz. */
    public void attendantWrites(String ticket, String text) {
        expect(204, 200, HttpJson.postJson(baseUrl + "/simulators/fourbiz/tickets/" + ticket + "/occurrences",
                "{\"description\":\"" + text + "\",\"category\":\"Retorno\"}", Map.of()));
    }

    /** An attendant writes a follow-up for the requester in 4biz with a file attached to it. */
    public void attendantAttaches(String ticket, String text, String fileName, String contentType, byte[] content) {
        String body = "{\"description\":\"" + text + "\",\"category\":\"Retorno\",\"attachments\":[{\"fileName\":\""
                + fileName + "\",\"contentType\":\"" + contentType + "\",\"content\":\""
                + Base64.getEncoder().encodeToString(content) + "\"}]}";
        expect(204, 200, HttpJson.postJson(baseUrl + "/simulators/fourbiz/tickets/" + ticket + "/occurrences", body,
                Map.of()));
    }

    /** What the Twilio simulator got when it fetched a sent message's media URLs: status, contentType, size, sha256. */
    public List<JsonNode> twilioMediaFetched(String messageSid) {
        return stream(HttpJson.get(baseUrl + "/simulators/twilio/messages/" + messageSid + "/media").json()).toList();
    }

    /** A colaborador 4biz already has (registered by HR), with the phone number as it was typed there. */
    public void colaborador(String login, String name, String phoneNumber) {
        expect(200, 200, HttpJson.postJson(baseUrl + "/simulators/fourbiz/employees", "{\"login\":\"" + login
                + "\",\"name\":\"" + name + "\",\"phoneNumber\":\"" + phoneNumber + "\",\"unitId\":1,\"groupId\":1}",
                Map.of()));
    }

    /** Tells the Twilio simulator when {@code person} last wrote to {@code business} (its 24-hour window). */
    public void lastInbound(String business, String person, Instant at) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/twilio/windows", """
                {"business":"%s","person":"%s","lastInboundAt":"%s"}""".formatted(business, person, at), Map.of()));
    }

    public void ticketStatus(String ticket, String status) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/fourbiz/tickets/" + ticket + "/status/" + status, "",
                Map.of()));
    }

    public void fourBizLatency(long minMillis, long maxMillis) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/fourbiz/faults/latency",
                "{\"minMillis\":" + minMillis + ",\"maxMillis\":" + maxMillis + "}", Map.of()));
    }

    /** 4biz answers every call with {@code status} for the next {@code millis}. */
    public void fourBizOutage(int status, long millis) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/fourbiz/faults/outage",
                "{\"status\":" + status + ",\"millis\":" + millis + "}", Map.of()));
    }

    /** Twilio answers every send 429/20429 for the next {@code millis}, whatever the sender's rate. */
    public void twilioStorm(long millis) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/twilio/faults/storm", "{\"millis\":" + millis + "}",
                Map.of()));
    }

    /** Twilio's counters: {@code accepted}, {@code throttled} (a sender above its rate), {@code stormThrottled}. */
    public JsonNode twilioStats() {
        return HttpJson.get(baseUrl + "/simulators/twilio/stats").json();
    }

    /** Every message Twilio accepted, in the order it accepted them. */
    public List<JsonNode> twilioMessages() {
        return stream(HttpJson.get(baseUrl + "/simulators/twilio/messages").json()).toList();
    }

    /**
     * A person's file, kept by the Twilio simulator for the account as Twilio keeps an inbound message's media (HTTP
     * Basic with the account's credentials, then a redirect to a pre-signed CDN URL); returns its media URL.
     */
    public String twilioMedia(String accountSid, String authToken, String contentType, byte[] content) {
        HttpJson.Reply reply = HttpJson.postBytes(baseUrl + "/simulators/twilio/media?accountSid=" + accountSid
                + "&authToken=" + URLEncoder.encode(authToken, StandardCharsets.UTF_8),
                contentType, content);
        expect(200, 200, reply);
        return reply.json().path("mediaUrl").asText();
    }

    /** The Twilio media host's counters: {@code refused} (no or wrong credentials), {@code served}, {@code credentialsSentToCdn}. */
    public JsonNode twilioMediaStats() {
        return HttpJson.get(baseUrl + "/simulators/twilio/media/stats").json();
    }

    /** A ticket's files in 4biz: {@code id}, {@code fileName}, {@code contentType}, {@code size}, {@code sha256}. */
    public List<JsonNode> attachments(String ticket) {
        return stream(HttpJson.get(baseUrl + "/simulators/fourbiz/tickets/" + ticket + "/attachments").json()).toList();
    }

    public List<JsonNode> helperReceived() {
        return stream(HttpJson.get(baseUrl + "/simulators/helper/messages").json()).toList();
    }

    public static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static void expect(int one, int other, HttpJson.Reply reply) {
        if (reply.status() != one && reply.status() != other) {
            throw new IllegalStateException("simulator answered " + reply.status() + ": " + reply.body());
        }
    }
}
