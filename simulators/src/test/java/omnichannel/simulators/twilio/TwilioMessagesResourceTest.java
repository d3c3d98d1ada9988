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
