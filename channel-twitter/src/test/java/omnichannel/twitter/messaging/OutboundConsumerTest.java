package omnichannel.twitter.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static omnichannel.twitter.TwitterKafka.deliveries;
import static omnichannel.twitter.TwitterKafka.outbound;
import static omnichannel.twitter.TwitterKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.OutboundMessage;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.twitter.XStub;
import omnichannel.twitter.client.OAuthCheck;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "twitter"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(XStub.class)
class OutboundConsumerTest {

    private static List<LoggedRequest> sendsWith(String person, String text) {
        return XStub.server.findAll(postRequestedFor(urlPathEqualTo("/2/dm_conversations/with/" + person + "/messages"))
                .withRequestBody(containing(text)));
    }

    @Test
    void sendsTheDmSignedWithTheAccountsCredentialsOnceEvenWhenRedelivered() {
        OutboundMessage message = outbound("4002", "Seu chamado 4521 foi aberto");

        publish(message);
        publish(message);

        List<DeliveryStatus> statuses = await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(message),
                list -> !list.isEmpty());
        assertThat(statuses.get(0).state()).isEqualTo(DeliveryStatus.State.SENT);
        assertThat(statuses.get(0).providerMessageId()).isEqualTo("1800000000000000001");
        assertThat(statuses.get(0).outboundEventId()).isEqualTo(message.eventId());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(22))
                .until(() -> sendsWith("4002", "Seu chamado 4521 foi aberto").size() == 1);
        LoggedRequest sent = sendsWith("4002", "Seu chamado 4521 foi aberto").get(0);
        assertThat(sent.getBodyAsString()).isEqualTo("{\"text\":\"Seu chamado 4521 foi aberto\"}");
        assertThat(OAuthCheck.isValid(sent.getHeader("Authorization"), "POST",
                XStub.server.baseUrl() + "/2/dm_conversations/with/4002/messages", XStub.CREDENTIALS)).isTrue();
        // a header signed with another secret does not pass the same check
        assertThat(OAuthCheck.isValid(sent.getHeader("Authorization"), "POST",
                XStub.server.baseUrl() + "/2/dm_conversations/with/4002/messages",
                new omnichannel.platform.x.XCredentials(XStub.CREDENTIALS.apiKey(), "other-secret",
                        XStub.CREDENTIALS.accessToken(), XStub.CREDENTIALS.accessTokenSecret())))
                .isFalse();
    }

    @Test
    void anAttendantsPhotoIsFetchedOnceUploadedToXAndSentAsTheDmsAttachmentAndAPdfIsSaidInTheText() {
        String photo = XStub.server.baseUrl() + XStub.PHOTO_LINK_PATH + "?e=9999999999&s=x";
        String pdf = XStub.server.baseUrl() + XStub.PDF_LINK_PATH + "?e=9999999999&s=y";
        OutboundMessage both = new OutboundMessage(java.util.UUID.randomUUID(), omnichannel.events.Event.SCHEMA_VERSION,
                java.time.Instant.now(), XStub.WEBHOOK_INTERACTION, omnichannel.events.Channel.TWITTER_DM, "corr-media",
                OutboundMessage.Purpose.ATTENDANT_ANSWER, new omnichannel.events.Participant("4002", "Joana", null, null),
                "Veja a foto do cabo", List.of(photo, pdf), "4521", java.time.Instant.now(), java.util.Map.of());
        OutboundMessage pdfOnly = new OutboundMessage(java.util.UUID.randomUUID(), omnichannel.events.Event.SCHEMA_VERSION,
                java.time.Instant.now(), XStub.WEBHOOK_INTERACTION, omnichannel.events.Channel.TWITTER_DM, "corr-pdf",
                OutboundMessage.Purpose.ATTENDANT_ANSWER, new omnichannel.events.Participant("4002", "Joana", null, null),
                "", List.of(pdf), "4521", java.time.Instant.now(), java.util.Map.of());

        publish(both);
        publish(both);
        publish(pdfOnly);

        await().atMost(Duration.ofSeconds(20)).until(() -> !deliveries(pdfOnly).isEmpty() && !deliveries(both).isEmpty());
        LoggedRequest dm = sendsWith("4002", "Veja a foto do cabo").get(0);
        assertThat(new io.vertx.core.json.JsonObject(dm.getBodyAsString())).isEqualTo(new io.vertx.core.json.JsonObject()
                .put("attachments", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                        .put("media_id", XStub.MEDIA_ID)))
                .put("text", "Veja a foto do cabo\n(+1 arquivo no chamado)"));
        assertThat(sendsWith("4002", "Veja a foto do cabo")).hasSize(1);
        // X's first upload failed: uploaded again from the bytes in hand, the one-time link fetched once
        var uploads = XStub.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo("/2/media/upload")));
        assertThat(uploads).hasSize(2);
        assertThat(uploads.get(1).getBodyAsString()).contains("name=\"media_category\"").contains("dm_image");
        assertThat(OAuthCheck.isValid(uploads.get(1).getHeader("Authorization"), "POST",
                XStub.server.baseUrl() + "/2/media/upload", XStub.CREDENTIALS)).isTrue();
        assertThat(XStub.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(XStub.PHOTO_LINK_PATH)))).hasSize(1);
        assertThat(sendsWith("4002", "disponível no chamado").get(0).getBodyAsString())
                .isEqualTo("{\"text\":\"(arquivo application/pdf disponível no chamado)\"}");
    }

    @Test
    void a429WaitsForTheResetAndSendsEachMessageOnceInOrder() {
        OutboundMessage first = outbound(XStub.THROTTLED_PERSON, "primeira depois do limite");
        OutboundMessage second = outbound(XStub.THROTTLED_PERSON, "segunda depois do limite");

        publish(first);
        publish(second);

        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveries(second).isEmpty());
        List<LoggedRequest> sends = XStub.server.findAll(
                postRequestedFor(urlPathEqualTo("/2/dm_conversations/with/" + XStub.THROTTLED_PERSON + "/messages")));
        assertThat(sends).extracting(LoggedRequest::getBodyAsString).containsExactly(
                "{\"text\":\"primeira depois do limite\"}", "{\"text\":\"primeira depois do limite\"}",
                "{\"text\":\"segunda depois do limite\"}");
        // the retry waited for the window's reset (about two seconds)
        long waited = sends.get(1).getLoggedDate().getTime() - sends.get(0).getLoggedDate().getTime();
        assertThat(waited).isGreaterThanOrEqualTo(900);
        assertThat(deliveries(first)).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.SENT);
    }

    @Test
    void aPermanentRefusalBecomesAFailedDeliveryWithTheReason() {
        OutboundMessage message = outbound(XStub.UNREACHABLE_PERSON, "não vai chegar");

        publish(message);

        DeliveryStatus status = await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(message),
                list -> !list.isEmpty()).get(0);
        assertThat(status.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(status.errorCode()).isEqualTo("X_403");
        assertThat(status.errorMessage()).contains("You cannot send messages to this user");
        assertThat(sendsWith(XStub.UNREACHABLE_PERSON, "não vai chegar")).hasSize(1);
    }

    /** X accepted the DM, then recording it failed once: retried in place, the DM goes out once. */
    @Test
    void aFailedRecordAfterXAcceptedIsRetriedInPlaceNotBySendingAgain() {
        OutboundMessage message = outbound("4002", "gravacao falhou uma vez");
        omnichannel.testing.FailingRecord.failFirstSettle("twitter", "sent_dm", message.eventId());

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> sendsWith("4002", "gravacao falhou uma vez").size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(23))
                .until(() -> sendsWith("4002", "gravacao falhou uma vez").size() == 1);
        long attempts = omnichannel.testing.FailingRecord.settleAttempts("twitter");
        assertThat(attempts).as("the first record failed and was retried").isGreaterThanOrEqualTo(2);
    }
}
