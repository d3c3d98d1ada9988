package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class HelperConversationTest {

    private static final String HELPER = FourBizStub.HELPER_INTERACTION;

    private static List<OutboundMessage> awaitSent(String person, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(HELPER, person), list -> list.size() >= count);
    }

    /**
     * A Helper that answers with a redirect (303 to an address inside the cluster) is not followed: the redirect's
     * target, which never passed the URL checks, is never called; the message waits as on any Helper failure.
     */
    @Test
    void aHelpersRedirectIsNeverFollowed() {
        String person = "+5511912347009";

        publish(inbound(HELPER, person, "desvio"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !FourBizStub.server.findAll(postRequestedFor(
                urlEqualTo("/helper/webhook")).withRequestBody(containing("\"message\":\"desvio\""))).isEmpty());
        // once false, the condition stays false: a generous atMost only absorbs slow polls of the topic on a busy CI
        // machine (each sentTo reads Kafka), it never lets a followed redirect pass
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(24)).until(() -> FourBizStub.server
                .findAll(anyRequestedFor(urlEqualTo(FourBizStub.REDIRECT_TARGET))).isEmpty()
                && sentTo(HELPER, person).isEmpty());
    }

    @Test
    void theBotAnswersFirstAndHandsOverToAnAttendantWithTheConversationAsTheTicket() {
        String person = "+5511912347001";

        publish(inbound(HELPER, person, "oi"));
        OutboundMessage greeting = awaitSent(person, 1).get(0);
        assertThat(greeting.purpose()).isEqualTo(Purpose.HELPER_ANSWER);
        assertThat(greeting.text()).isEqualTo("Olá! Sou o Helper. Como posso ajudar?\n1 - Senha\n2 - VPN");

        // "2" chooses the second button: the bot receives its payload, answers with a text and an image
        publish(inbound(HELPER, person, "2"));
        List<OutboundMessage> sent = awaitSent(person, 3);
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/helper/webhook"))
                .withRequestBody(containing("\"message\":\"/vpn\"")))).hasSize(1);
        assertThat(sent.get(1).text()).isEqualTo("Veja como configurar a VPN:");
        assertThat(sent.get(2).mediaUrls()).containsExactly("https://helper.example.com/vpn.png");

        // the bot gives up: the person is offered an attendant
        publish(inbound(HELPER, person, "minha impressora pegou fogo"));
        OutboundMessage fallback = awaitSent(person, 4).get(3);
        assertThat(fallback.text()).startsWith(FourBizStub.FALLBACK).contains("1 - Falar com Atendente")
                .contains("2 - Retomar Atendimento");
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(person.substring(1))))).isEmpty();

        publish(inbound(HELPER, person, "1"));
        OutboundMessage ack = awaitSent(person, 5).get(4);
        assertThat(ack.purpose()).isEqualTo(Purpose.TICKET_ACKNOWLEDGEMENT);
        var creates = FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("whatsapp_" + person.substring(1))));
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).getBodyAsString()).contains("Conversa com o Helper por WhatsApp")
                .contains("Solicitante: oi").contains("Helper: Olá! Sou o Helper.")
                .contains("Solicitante: minha impressora pegou fogo").contains("[imagem] https://helper.example.com/vpn.png");

        // from now on the messages go to the ticket, not to the bot
        publish(inbound(HELPER, person, "obrigado, aguardo"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !FourBizStub.server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("obrigado, aguardo")))
                .isEmpty());
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/helper/webhook"))
                .withRequestBody(containing("obrigado, aguardo")))).isEmpty();
    }

    @Test
    void resumingWithTheBotKeepsTheConversationOutOf4biz() {
        String person = "+5511912347002";

        publish(inbound(HELPER, person, "não sei explicar"));
        awaitSent(person, 1);
        publish(inbound(HELPER, person, "2"));

        OutboundMessage resumed = awaitSent(person, 2).get(1);
        assertThat(resumed.purpose()).isEqualTo(Purpose.HELPER_ANSWER);
        assertThat(resumed.text()).contains("vamos continuar");
        publish(inbound(HELPER, person, "oi"));
        assertThat(awaitSent(person, 3).get(2).text()).startsWith("Olá! Sou o Helper.");
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(person.substring(1))))).isEmpty();
    }
}
