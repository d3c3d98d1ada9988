package omnichannel.whatsapp.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static omnichannel.whatsapp.messaging.OutboundConsumerTest.message;
import static omnichannel.whatsapp.messaging.OutboundConsumerTest.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.whatsapp.ProvidersStub;

/**
 * Twilio answering 500 to every send while 30 conversations each wait with a message: without Twilio's circuit breaker
 * every conversation would call on each of its retries; with it, once most calls failed, calls stop for 10 s and only
 * probes reach Twilio. Nothing is dead-lettered meanwhile, and the breaker is visible as a metric. Its own profile, so
 * that the open breaker does not slow the other tests.
 */
@QuarkusTest
@TestProfile(TwilioDownTest.OwnBreaker.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@QuarkusTestResource(omnichannel.testing.OidcTestResource.class)
@QuarkusTestResource(ProvidersStub.class)
class TwilioDownTest {

    static final String DOWN_ACCOUNT = "AC00000000000000000000000000000500";
    static final String DOWN_MESSAGES = "/2010-04-01/Accounts/" + DOWN_ACCOUNT + "/Messages.json";

    /** A Quarkus application of its own: a fresh breaker. */
    public static class OwnBreaker implements QuarkusTestProfile {
    }

    @Test
    void aDownTwilioIsNotHammeredByEveryWaitingConversationAndNothingIsDeadLettered() throws Exception {
        ProvidersStub.server.stubFor(get(urlEqualTo("/internal/v1/interactions/wa-twilio-down")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"wa-twilio-down","channel":"WHATSAPP_TWILIO","active":true,"whatsappNumber":"+5511999990500",
                         "twilioAccountSid":"%s","twilioAuthToken":"whatsapp-test-token",
                         "callbackUrl":"https://hooks.example.com/webhooks/whatsapp/wa-twilio-down",
                         "templateContentSid":null,"messagesPerSecond":50}
                        """.formatted(DOWN_ACCOUNT))));
        ProvidersStub.server.stubFor(post(urlEqualTo(DOWN_MESSAGES)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
        // a retry first asks Twilio's list whether the failed attempt got through: down as well
        ProvidersStub.server.stubFor(get(urlPathEqualTo(DOWN_MESSAGES)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
        List<OutboundMessage> messages = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            messages.add(message("wa-twilio-down", "+55119123%05d".formatted(50000 + c), "Twilio fora do ar " + c,
                    Instant.now()));
        }
        publish(messages.toArray(OutboundMessage[]::new));

        Thread.sleep(Duration.ofSeconds(12).toMillis());

        int calls = ProvidersStub.server.findAll(anyRequestedFor(urlPathEqualTo(DOWN_MESSAGES))).size();
        // 30 conversations retrying after 1, 2, 4, 8 s (half to all of it) would call more than once each in 12 s; the
        // breaker opens after 20 failures and stays open 10 s
        System.out.printf("Twilio calls in 12 s of outage with 30 waiting conversations: %d%n", calls);
        assertThat(calls).isGreaterThanOrEqualTo(20).isLessThan(60);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("omnichannel_breaker_open\\{dependency=\"twilio\"[^}]*} 1\\.0")
                .containsPattern("omnichannel_dependency_failures_total\\{dependency=\"twilio\"[^}]*} [1-9]");
        assertThat(KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(),
                Topics.deadLetter(Topics.OUTBOUND_WHATSAPP), record -> record.key() != null
                        && record.key().equals("wa-twilio-down"),
                Duration.ofSeconds(2))).isEmpty();
    }
}
