package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/** The satisfaction question after a resolution, and the person's rating written on the resolved ticket. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class SatisfactionTest {

    private static List<String> ratingsOnTheResolvedTicket(String text) {
        return FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing("\"requestNumber\":\"" + FourBizStub.RESOLVED_TICKET + "\""))
                .withRequestBody(containing(text))).stream().map(request -> request.getBodyAsString()).toList();
    }

    private static int ticketsOpenedWith(String text) {
        return FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(text))).size();
    }

    private static List<OutboundMessage> notices(String person) {
        return sentTo(person).stream().filter(m -> m.purpose() == Purpose.TICKET_NOTICE).toList();
    }

    private static List<OutboundMessage> questions(String person) {
        return sentTo(person).stream().filter(m -> m.purpose() == Purpose.CSAT_QUESTION).toList();
    }

    @Test
    void aResolutionAsksForARatingAndA4IsWrittenOnTheTicketOnceInsteadOfOpeningATicket() {
        String person = "+5511912349101";
        publish(inbound(person, FourBizStub.RESOLVED_TEXT));
        await().atMost(Duration.ofSeconds(20)).until(() -> !notices(person).isEmpty() && !questions(person).isEmpty());
        assertThat(notices(person).get(0).text()).contains("resolvido");
        assertThat(notices(person).get(0).templateVariables()).containsEntry("ticketStatus", "Resolvida");
        assertThat(questions(person)).hasSize(1);
        assertThat(questions(person).get(0).text()).contains("de 1 (muito ruim) a 5 (ótimo)");

        InboundMessage four = inbound(person, " 4 ");
        publish(four);
        publish(four);

        await().atMost(Duration.ofSeconds(20)).until(() -> notices(person).size() == 2);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        List<String> ratings = ratingsOnTheResolvedTicket("Avaliação do atendimento");
        assertThat(ratings).hasSizeGreaterThanOrEqualTo(1).allMatch(r -> r.contains("4 de 5"));
        // a repeated write carries the same numberOrigin, which 4biz recognises
        assertThat(ratings.stream().map(r -> r.replaceAll(".*\"numberOrigin\":\"(OCS-[0-9a-f]+)\".*", "$1")).distinct())
                .hasSize(1);
        assertThat(notices(person).get(1).text()).isEqualTo("Obrigado pela sua avaliação!");
        assertThat(ticketsOpenedWith(" 4 ")).isZero();
        assertThat(given().get("/q/metrics").then().extract().asString()).containsPattern(
                "omnichannel_bridge_csat_ratings_total\\{interaction=\"" + FourBizStub.INTERACTION
                        + "\",rating=\"4\"[^}]*} [1-9]");

        // one rating per question: a second digit is a message like any other
        publish(inbound(person, "5"));
        await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(person).stream()
                .anyMatch(m -> m.purpose() == Purpose.TICKET_ACKNOWLEDGEMENT && m.text().contains("4521")));
        assertThat(ratingsOnTheResolvedTicket("5 de 5")).isEmpty();
    }

    @Test
    void aRatingAfterTheAnswerTimeOrAnyOtherTextIsHandledAsToday() {
        String late = "+5511912349102";
        publish(inbound(late, FourBizStub.RESOLVED_TEXT));
        await().atMost(Duration.ofSeconds(20)).until(() -> !notices(late).isEmpty());

        publish(inbound(FourBizStub.INTERACTION, late, "3", Instant.now().plus(Duration.ofHours(25))));

        await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(late).stream()
                .anyMatch(m -> m.purpose() == Purpose.TICKET_ACKNOWLEDGEMENT && m.text().contains("4521")));
        assertThat(ratingsOnTheResolvedTicket("3 de 5")).isEmpty();
    }
}
