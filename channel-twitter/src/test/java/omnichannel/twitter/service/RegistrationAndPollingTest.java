package omnichannel.twitter.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.events.InboundMessage;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.twitter.TwitterKafka;
import omnichannel.twitter.XStub;
import omnichannel.twitter.client.OAuthCheck;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "twitter"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(XStub.class)
class RegistrationAndPollingTest {

    private static String path(String interaction) {
        return "/api/v1/twitter/webhooks/" + interaction;
    }

    @Test
    void aNewWebhookInteractionIsRegisteredAndSubscribedAndAdminsSeeIt() {
        TwitterKafka.changed(XStub.WEBHOOK_INTERACTION);

        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(Tokens.shared().viewer())
                .get(path(XStub.WEBHOOK_INTERACTION)).statusCode() == 200);
        given().auth().oauth2(Tokens.shared().viewer()).get(path(XStub.WEBHOOK_INTERACTION)).then().statusCode(200)
                .body("webhookId", equalTo("wh-1")).body("valid", equalTo(true)).body("subscribed", equalTo(true))
                .body("url", equalTo("https://omnichannel.example.com/webhooks/twitter/x-webhook"));
        var subscribe = XStub.server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo("/2/account_activity/webhooks/wh-1/subscriptions/all"))).get(0);
        assertThat(OAuthCheck.isValid(subscribe.getHeader("Authorization"), "POST",
                XStub.server.baseUrl() + "/2/account_activity/webhooks/wh-1/subscriptions/all", XStub.CREDENTIALS))
                .isTrue();
        var register = XStub.server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlPathEqualTo("/2/webhooks"))).get(0);
        assertThat(register.getHeader("Authorization")).isEqualTo("Bearer AAAA-app-only");

        given().get(path(XStub.WEBHOOK_INTERACTION)).then().statusCode(401);
        given().auth().oauth2(Tokens.shared().viewer()).post(path(XStub.WEBHOOK_INTERACTION) + "/crc").then()
                .statusCode(403);
        given().auth().oauth2(Tokens.shared().viewer()).get(path("unknown")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anAlreadyRegisteredUrlAndAnExistingSubscriptionCountAsSuccess() {
        TwitterKafka.changed(XStub.DUPLICATE_INTERACTION);

        await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(Tokens.shared().admin())
                .get(path(XStub.DUPLICATE_INTERACTION)).statusCode() == 200);
        given().auth().oauth2(Tokens.shared().admin()).get(path(XStub.DUPLICATE_INTERACTION)).then()
                .body("webhookId", equalTo("wh-7")).body("valid", equalTo(true)).body("subscribed", equalTo(true));
    }

    @Test
    void pollingPublishesEachNewDmOnceOldestFirstWithoutTheAccountsEcho() {
        TwitterKafka.changed(XStub.POLLING_INTERACTION);
        // the first poll (no DMs yet) sets the cursor; then people write
        await().atMost(Duration.ofSeconds(20)).until(() -> !XStub.server
                .findAll(getRequestedFor(urlPathEqualTo("/2/dm_events"))).isEmpty());
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        XStub.dmsArrive();

        List<InboundMessage> inbound = await().atMost(Duration.ofSeconds(20))
                .until(() -> TwitterKafka.inbound(XStub.POLLING_INTERACTION), list -> list.size() >= 2);
        // polled every second: several more rounds publish nothing again
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        inbound = TwitterKafka.inbound(XStub.POLLING_INTERACTION);
        assertThat(inbound).extracting(InboundMessage::text).containsExactly("primeira DM por polling",
                "segunda DM por polling");
        assertThat(inbound.get(0).providerMessageId()).isEqualTo("1900000000000000001");
        assertThat(inbound.get(0).sender().displayName()).isEqualTo("Joana Lima");
        assertThat(inbound.get(0).sender().handle()).isEqualTo("joanalima");
        assertThat(inbound.get(0).conversationKey()).isEqualTo(XStub.POLLING_INTERACTION + ":4002");
        var poll = XStub.server.findAll(getRequestedFor(urlPathEqualTo("/2/dm_events"))).get(0);
        assertThat(poll.getHeader("Authorization")).startsWith("OAuth ");
    }

    @Test
    void sixHundredDmsBetweenTwoPollsAreAllPublishedOldestFirstAcrossPages() {
        TwitterKafka.changed(XStub.FLOODED_INTERACTION);
        await().atMost(Duration.ofSeconds(20)).until(() -> !XStub.server.findAll(getRequestedFor(urlPathEqualTo(
                "/2/dm_events")).withHeader("Authorization", containing(XStub.FLOOD_TOKEN))).isEmpty());
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        XStub.floodArrives();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> TwitterKafka.inbound(XStub.FLOODED_INTERACTION), list -> list.size() >= 600);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<InboundMessage> inbound = TwitterKafka.inbound(XStub.FLOODED_INTERACTION);
        assertThat(inbound).extracting(InboundMessage::text)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 600).mapToObj(n -> "dm " + n).toList());
    }
}
