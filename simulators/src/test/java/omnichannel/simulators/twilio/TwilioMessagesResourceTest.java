package omnichannel.simulators.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;

import io.quarkus.test.junit.QuarkusTest;

/** The simulator's Messages API as the official Twilio SDK sends and reads it (create, then the account's list). */
@QuarkusTest
class TwilioMessagesResourceTest {

    static final String ACCOUNT = "AC11111111111111111111111111111111";
    static final PhoneNumber FROM = new PhoneNumber("whatsapp:+5511999990001");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void theListHoldsWhatWasSentNewestFirstFilteredByToAndFromWithDatesTheSdkReads() {
        TwilioRestClient client = client("simulated-token");
        PhoneNumber maria = new PhoneNumber("whatsapp:+5511912345001");
        Instant before = Instant.now().minusSeconds(1);
        String first = Message.creator(maria, FROM, "primeira").create(client).getSid();
        String second = Message.creator(maria, FROM, "segunda").create(client).getSid();
        Message.creator(new PhoneNumber("whatsapp:+5511912345002"), FROM, "para outra pessoa").create(client);
        Message.creator(maria, new PhoneNumber("whatsapp:+5511999990002"), "de outro número").create(client);

        List<Message> listed = Message.reader().setTo(maria).setFrom(FROM).setPageSize(20L).firstPage(client).getRecords();

        assertThat(listed).extracting(Message::getSid).containsExactly(second, first);
        assertThat(listed).extracting(Message::getBody).containsExactly("segunda", "primeira");
        assertThat(listed.get(0).getDateCreated()).as("an RFC 2822 date the SDK parses").isNotNull();
        assertThat(listed.get(0).getDateCreated().toInstant()).isAfter(before.minus(Duration.ofSeconds(1)))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(listed.get(0).getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
    }

    @Test
    void freeTextMoreThan24HoursAfterThePersonLastWroteFailsWith63016AndATemplateDoesNot() {
        TwilioRestClient client = client("simulated-token");
        PhoneNumber late = new PhoneNumber("whatsapp:+5511912345011");
        PhoneNumber recent = new PhoneNumber("whatsapp:+5511912345012");
        io.restassured.RestAssured.given().contentType("application/json").body("""
                {"business":"+5511999990001","person":"+5511912345011","lastInboundAt":"%s"}
                """.formatted(Instant.now().minus(Duration.ofHours(25)))).put("/simulators/twilio/windows").then()
                .statusCode(204);
        io.restassured.RestAssured.given().contentType("application/json").body("""
                {"business":"whatsapp:+5511999990001","person":"whatsapp:+5511912345012","lastInboundAt":"%s"}
                """.formatted(Instant.now().minus(Duration.ofHours(23)))).put("/simulators/twilio/windows").then()
                .statusCode(204);
        java.net.URI callback = java.net.URI.create("http://localhost:" + port + "/no-callback-receiver");

        String closed = Message.creator(late, FROM, "texto livre").setStatusCallback(callback).create(client).getSid();
        String template = Message.creator(late, FROM, (String) null).setContentSid("HX" + "1".repeat(32))
                .setStatusCallback(callback).create(client).getSid();
        String open = Message.creator(recent, FROM, "texto livre").setStatusCallback(callback).create(client).getSid();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !statuses(closed).isEmpty()
                && statuses(template).size() == 3 && statuses(open).size() == 3);
        assertThat(statuses(closed)).containsExactly("failed");
        assertThat(statuses(template)).containsExactly("sent", "delivered", "read");
        assertThat(statuses(open)).containsExactly("sent", "delivered", "read");
    }

    private static List<String> statuses(String sid) {
        return io.restassured.RestAssured.get("/simulators/twilio/messages/" + sid + "/callbacks").then().statusCode(200)
                .extract().jsonPath().getList("status", String.class);
    }

    @Test
    void theContentApiListsTheCatalogueWithApprovalsAsTheSdkReadsIt() {
        List<com.twilio.rest.content.v1.ContentAndApprovals> templates = com.twilio.rest.content.v1.ContentAndApprovals
                .reader().firstPage(client("simulated-token")).getRecords();

        assertThat(templates).extracting(com.twilio.rest.content.v1.ContentAndApprovals::getFriendlyName)
                .containsExactly("atualizacao_chamado", "contato_atendente");
        assertThat(templates.get(0).getApprovalRequests().toString()).contains("approved");
        assertThat(templates.get(1).getApprovalRequests().toString()).contains("pending");
        io.restassured.RestAssured.get("/v1/ContentAndApprovals").then().statusCode(401);
    }

    @Test
    void theListNeedsTheAccountsCredentials() {
        TwilioRestClient anonymous = new TwilioRestClient.Builder(ACCOUNT, "simulated-token").httpClient(new Rebased(port) {

            @Override
            public Response makeRequest(Request request) {
                Request bare = new Request(request.getMethod(), request.getUrl());
                request.getQueryParams().forEach((name, values) -> values.forEach(value -> bare.addQueryParam(name, value)));
                return super.makeRequest(bare);
            }
        }).build();

        assertThatThrownBy(() -> Message.reader().firstPage(anonymous)).isInstanceOf(ApiException.class)
                .satisfies(failure -> assertThat(((ApiException) failure).getStatusCode()).isEqualTo(401));
    }

    private TwilioRestClient client(String token) {
        return new TwilioRestClient.Builder(ACCOUNT, token).httpClient(new Rebased(port)).build();
    }

    /** The SDK's own HTTP client, sent to the simulator instead of api.twilio.com. */
    static class Rebased extends NetworkHttpClient {

        private final int port;

        Rebased(int port) {
            this.port = port;
        }

        @Override
        public Response makeRequest(Request request) {
            Request local = new Request(request.getMethod(),
                    request.getUrl().replaceFirst("^https://[^/]+", "http://localhost:" + port));
            if (request.getUsername() != null) {
                local.setAuth(request.getUsername(), request.getPassword());
            }
            request.getPostParams().forEach((name, values) -> values.forEach(value -> local.addPostParam(name, value)));
            request.getQueryParams().forEach((name, values) -> values.forEach(value -> local.addQueryParam(name, value)));
            return super.makeRequest(local);
        }
    }
}
