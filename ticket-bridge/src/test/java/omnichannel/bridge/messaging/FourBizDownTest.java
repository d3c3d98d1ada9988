package omnichannel.bridge.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.onAny;
import static omnichannel.bridge.BridgeKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.events.InboundMessage;
import omnichannel.events.Topics;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * R4 with the circuit breaker: 4biz answers 503 to everything while 30 conversations each have a message. Without a
 * breaker every conversation would call 4biz on each of its retries; with it, once most calls failed, calls stop for
 * 10 s and only probes reach 4biz. Nothing is dead-lettered meanwhile, and the breaker is visible as a metric.
 */
@QuarkusTest
@TestProfile(FourBizDownTest.Down.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
class FourBizDownTest {

    static WireMockServer server;

    /** config-service answers; 4biz answers 503 to every call. */
    public static class Down implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DownStub.class));
        }
    }

    public static class DownStub implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            server.stubFor(get(urlEqualTo("/internal/v1/interactions/wa-down")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("""
                            {"id":"wa-down","channel":"WHATSAPP_TWILIO","name":"Suporte","defaultUnitId":12,
                             "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":false,
                             "active":true}""")));
            server.stubFor(get(urlEqualTo("/internal/v1/parameters")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"118\":\"1\"}")));
            server.stubFor(any(urlPathMatching("/4biz/.*")).willReturn(aResponse().withStatus(503)));
            return omnichannel.simulators.identity.IdentityProvider.shared().withClientProperties("ticket-bridge",
                    Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                            "fourbiz.base-url", server.baseUrl() + "/4biz",
                            "fourbiz.username", "omnichannel", "fourbiz.password", "test-password"));
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    private static int fourBizCalls() {
        return server.findAll(anyRequestedFor(urlPathMatching("/4biz/.*"))).size();
    }

    @Test
    void aDown4bizIsNotHammeredByEveryWaitingConversationAndNothingIsDeadLettered() throws Exception {
        List<InboundMessage> messages = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            InboundMessage message = inbound("wa-down", "+55119123%05d".formatted(80000 + c), "4biz fora do ar " + c);
            messages.add(message);
            publish(message);
        }

        Thread.sleep(Duration.ofSeconds(12).toMillis());

        int calls = fourBizCalls();
        // 30 conversations retrying after 1, 2, 4, 8 s (half to all of it): 93 calls in 12 s with the breaker taken
        // out (a mutation run); with it the first 20 failures (sharing one login) open it for 10 s, then a probe
        System.out.printf("4biz calls in 12 s of outage with 30 waiting conversations: %d%n", calls);
        assertThat(calls).isLessThan(60);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("omnichannel_breaker_open\\{dependency=\"4biz\"[^}]*} 1\\.0");
        // one read of the dead-letter topic for all 30 (a read waits a second for records that might still come)
        List<String> ids = messages.stream().map(InboundMessage::correlationId).toList();
        assertThat(onAny(Topics.deadLetter(Topics.INBOUND), ids)).isEmpty();
    }
}
