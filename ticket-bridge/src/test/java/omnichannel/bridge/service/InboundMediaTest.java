package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.on;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.FourBizStub.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizAttachments;
import omnichannel.bridge.FourBizStub;
import omnichannel.events.Attachment;
import omnichannel.events.InboundMessage;
import omnichannel.events.Topics;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * A person's files reach the ticket as 4biz attachments, fetched from Twilio with the interaction's credentials, once
 * per file whatever is repeated; files the interaction's policy refuses, or from anywhere but Twilio's media hosts,
 * are explained on the ticket instead.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class InboundMediaTest {

    @Test
    void aPhotoAndAPdfAreAttachedOnceThoughTheMessageComesTwiceAndFourBizFailsBetweenThem() {
        // 4biz's documented addAttachments keys nothing of ours: only the bridge's own record prevents a second copy
        InboundMessage message = inbound(FourBizStub.MEDIA_INTERACTION, "+5511912349101", FourBizStub.MEDIA_TEXT,
                List.of(new Attachment(FourBizStub.mediaUrl("ME1"), "image/jpeg"),
                        new Attachment(FourBizStub.mediaUrl("ME2"), "application/pdf")));

        publish(message);
        publish(message);

        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, message.correlationId()).isEmpty());
        List<FourBizAttachments.Stored> files = FourBizAttachments.on(FourBizStub.MEDIA_TICKET);
        assertThat(files).extracting(FourBizAttachments.Stored::fileName).containsExactly(
                "whatsapp-" + message.providerMessageId() + "-1.jpg", "whatsapp-" + message.providerMessageId() + "-2.pdf");
        assertThat(files.get(0).content()).isEqualTo(FourBizStub.PHOTO);
        assertThat(files.get(0).extension()).isEqualTo("jpg");
        assertThat(files.get(1).content()).isEqualTo(FourBizStub.PDF);
        assertThat(files.get(1).extension()).isEqualTo("pdf");
        // the PDF's outage made the whole message run again: the photo, recorded as attached, was not sent again
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/addAttachments"))
                .withRequestBody(containing("-1.jpg\"")))).hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/addAttachments"))
                .withRequestBody(containing("-2.pdf\"")))).hasSize(2);
        // Twilio's API got the credentials; the CDN's pre-signed URL it redirected to did not
        LoggedRequest api = server.findAll(getRequestedFor(urlEqualTo(FourBizStub.MEDIA_PATH + "ME1"))).get(0);
        assertThat(api.getHeader("Authorization")).startsWith("Basic ");
        assertThat(server.findAll(getRequestedFor(urlMatching(FourBizStub.CDN_PATH + ".*"))))
                .isNotEmpty().allMatch(request -> !request.containsHeader("Authorization"));
        // the ticket names the files, not the provider's URLs (they need the account's credentials)
        String description = server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(FourBizStub.MEDIA_TEXT))).get(0).getBodyAsString();
        assertThat(description).contains("Anexos: 2 (image/jpeg, application/pdf)").doesNotContain("/Media/ME");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing("\"requestNumber\":\"" + FourBizStub.MEDIA_TICKET + "\""))))
                .as("no file is explained as refused").isEmpty();
        assertThat(on(Topics.deadLetter(Topics.INBOUND), message.correlationId())).isEmpty();
    }

    @Test
    void anXDirectMessagesPhotoIsFetchedWithOAuthAndAttached() {
        String sid = "1900000000000000001";
        java.time.Instant now = java.time.Instant.now();
        InboundMessage dm = new InboundMessage(java.util.UUID.randomUUID(), omnichannel.events.Event.SCHEMA_VERSION, now,
                FourBizStub.X_MEDIA_INTERACTION, omnichannel.events.Channel.TWITTER_DM, sid, sid,
                new omnichannel.events.Participant("4001", "Joana", "joana", null), "3001", "foto do erro na VPN",
                List.of(new Attachment(server.baseUrl() + FourBizStub.X_MEDIA_PATH, "image/jpeg")), null, null, null,
                false, false, now, java.util.Map.of());

        publish(dm);

        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_TWITTER, dm.correlationId()).isEmpty());
        String ticket = server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/addAttachments"))
                .withRequestBody(containing("x-" + sid + "-1.jpg"))).get(0).getBodyAsString()
                .replaceFirst(".*\"requestNumber\":\"([0-9]+)\".*", "$1");
        assertThat(FourBizAttachments.on(ticket)).filteredOn(f -> f.fileName().equals("x-" + sid + "-1.jpg"))
                .singleElement().satisfies(f -> assertThat(f.content()).isEqualTo(FourBizStub.PHOTO));
        String authorization = server.findAll(getRequestedFor(urlEqualTo(FourBizStub.X_MEDIA_PATH))).get(0)
                .getHeader("Authorization");
        assertThat(authorization).contains("oauth_token=\"" + FourBizStub.X_ACCESS_TOKEN + "\"")
                .contains("oauth_signature=").doesNotContain("x-media-api-secret").doesNotContain("x-media-token-secret");
    }

    @Test
    void tooBigRefusedTypeOrForeignHostIsExplainedOnTheTicketAndAVoiceNoteIsAttachedAsAudio() {
        String person = "+5511912349102";
        InboundMessage opening = inbound(FourBizStub.MEDIA_INTERACTION, person, FourBizStub.REFUSED_MEDIA_TEXT,
                List.of());
        publish(opening);
        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, opening.correlationId()).isEmpty());
        // the same server under another name: not one of the interaction's media hosts
        String foreign = FourBizStub.mediaUrl("ME2").replace("localhost", "127.0.0.1") + "?foreign";
        InboundMessage files = inbound(FourBizStub.MEDIA_INTERACTION, person, "",
                List.of(new Attachment(FourBizStub.mediaUrl("ME3"), "image/png"),
                        new Attachment(FourBizStub.mediaUrl("ME9"), "application/zip"),
                        new Attachment(foreign, "application/pdf"),
                        new Attachment(FourBizStub.mediaUrl("ME4"), "audio/ogg")));

        publish(files);

        List<LoggedRequest> notes = await().atMost(Duration.ofSeconds(30)).until(() -> server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("\"requestNumber\":\"" + FourBizStub.REFUSED_MEDIA_TICKET + "\""))
                        .withRequestBody(containing("OCM-"))),
                list -> list.size() == 3);
        assertThat(notes.get(0).getBodyAsString()).contains("anexo 1 de 4").contains("image/png")
                .contains("acima do limite de 4.096 bytes desta interação");
        assertThat(notes.get(1).getBodyAsString()).contains("anexo 2 de 4")
                .contains("o tipo de arquivo application/zip não é aceito por esta interação");
        assertThat(notes.get(2).getBodyAsString()).contains("anexo 3 de 4")
                .contains("não está num servidor de mídia do provedor (127.0.0.1)");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> FourBizAttachments.on(FourBizStub.REFUSED_MEDIA_TICKET).size() == 1);
        FourBizAttachments.Stored voice = FourBizAttachments.on(FourBizStub.REFUSED_MEDIA_TICKET).get(0);
        assertThat(voice.fileName()).isEqualTo("whatsapp-" + files.providerMessageId() + "-4.ogg");
        assertThat(voice.extension()).isEqualTo("ogg");
        assertThat(voice.content()).isEqualTo(FourBizStub.VOICE_NOTE);
        // nothing asked of a host that is not Twilio's, nor for a type the policy refuses
        assertThat(server.findAll(getRequestedFor(urlMatching(".*\\?foreign")))).isEmpty();
        assertThat(server.findAll(getRequestedFor(urlEqualTo(FourBizStub.MEDIA_PATH + "ME9")))).isEmpty();
        assertThat(on(Topics.deadLetter(Topics.INBOUND), files.correlationId())).isEmpty();

        // Twilio's own URL, redirecting elsewhere: the redirect is not followed
        InboundMessage redirected = inbound(FourBizStub.MEDIA_INTERACTION, person, "",
                List.of(new Attachment(FourBizStub.mediaUrl("ME5"), "image/jpeg")));
        publish(redirected);
        List<LoggedRequest> all = await().atMost(Duration.ofSeconds(30)).until(() -> server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("\"requestNumber\":\"" + FourBizStub.REFUSED_MEDIA_TICKET + "\""))
                        .withRequestBody(containing("OCM-"))),
                list -> list.size() == 4);
        assertThat(all.get(3).getBodyAsString()).contains("anexo 1 de 1")
                .contains("redirecionou o download para fora dos seus servidores de mídia (127.0.0.1)");
        assertThat(server.findAll(getRequestedFor(urlMatching(".*\\?redirected")))).isEmpty();
        assertThat(FourBizAttachments.on(FourBizStub.REFUSED_MEDIA_TICKET)).hasSize(1);
    }
}
