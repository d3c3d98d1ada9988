package omnichannel.systemtests;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.testing.system.HttpJson;

/** What the system tests read from (and do to) the simulators' inspection endpoints. */
record Simulators(String baseUrl) {

    List<JsonNode> tickets() {
        return stream(HttpJson.get(baseUrl + "/simulators/fourbiz/tickets").json()).toList();
    }

    List<JsonNode> ticketsWith(String text) {
        return tickets().stream().filter(ticket -> ticket.path("description").asText().contains(text)).toList();
    }

    List<JsonNode> ticketsOf(String login) {
        return tickets().stream().filter(ticket -> ticket.path("userID").asText().equals(login)).toList();
    }

    List<JsonNode> messagesTo(String to) {
        return stream(HttpJson.get(baseUrl + "/simulators/twilio/messages").json())
                .filter(message -> message.path("to").asText().equals(to)).toList();
    }

    List<JsonNode> employees(String login) {
        return stream(HttpJson.get(baseUrl + "/simulators/fourbiz/employees").json())
                .filter(employee -> employee.path("login").asText().equals(login)).toList();
    }

    /** An attendant writes a follow-up for the requester in 4biz. */
    void attendantWrites(String ticket, String text) {
        expect(204, 200, HttpJson.postJson(baseUrl + "/simulators/fourbiz/tickets/" + ticket + "/occurrences",
                "{\"description\":\"" + text + "\",\"category\":\"Retorno\"}", Map.of()));
    }

    void ticketStatus(String ticket, String status) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/fourbiz/tickets/" + ticket + "/status/" + status, "",
                Map.of()));
    }

    void fourBizLatency(long minMillis, long maxMillis) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/fourbiz/faults/latency",
                "{\"minMillis\":" + minMillis + ",\"maxMillis\":" + maxMillis + "}", Map.of()));
    }

    /** 4biz answers every call with {@code status} for the next {@code millis}. */
    void fourBizOutage(int status, long millis) {
        expect(204, 204, HttpJson.putJson(baseUrl + "/simulators/fourbiz/faults/outage",
                "{\"status\":" + status + ",\"millis\":" + millis + "}", Map.of()));
    }

    List<JsonNode> helperReceived() {
        return stream(HttpJson.get(baseUrl + "/simulators/helper/messages").json()).toList();
    }

    static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static void expect(int one, int other, HttpJson.Reply reply) {
        if (reply.status() != one && reply.status() != other) {
            throw new IllegalStateException("simulator answered " + reply.status() + ": " + reply.body());
        }
    }
}
