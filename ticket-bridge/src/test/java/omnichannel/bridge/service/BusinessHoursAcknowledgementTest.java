package omnichannel.bridge.service;

import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.BridgeKafka;
import omnichannel.bridge.FourBizStub;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/** The acknowledgement outside an interaction's business hours; the ticket is opened all the same. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class BusinessHoursAcknowledgementTest {

    private static OutboundMessage acknowledgement(String interaction, String person) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(interaction, person).stream()
                .filter(m -> m.purpose() == Purpose.TICKET_ACKNOWLEDGEMENT).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    private static double outOfHours(String interaction) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("omnichannel_bridge_out_of_hours_messages_total"
                + "\\{interaction=\"" + interaction + "\"[^}]*} ([0-9.]+)").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Test
    void aMessageAt23OnASundayIsToldItIsOutOfHoursAndStillGetsATicket() {
        String person = "+5511912345801";
        double before = outOfHours(FourBizStub.HOURS_INTERACTION);
        // Sunday 29 November 2026, 23:00 in São Paulo (02:00 UTC on Monday)
        publish(BridgeKafka.inbound(FourBizStub.HOURS_INTERACTION, person, "a impressora parou", Instant.parse(
                "2026-11-30T02:00:00Z")));

        OutboundMessage ack = acknowledgement(FourBizStub.HOURS_INTERACTION, person);
        assertThat(ack.text()).contains("fora do horário").contains("nº 4521").contains(", Maria");
        assertThat(outOfHours(FourBizStub.HOURS_INTERACTION)).isEqualTo(before + 1);
    }

    @Test
    void insideTheHoursTheUsualAcknowledgementAndOnAHolidayTheOutOfHoursOne() {
        String monday = "+5511912345802";
        String christmas = "+5511912345803";
        double before = outOfHours(FourBizStub.HOURS_INTERACTION);
        // Monday 30 November 2026, 10:00 in São Paulo; Friday 25 December 2026, 10:00
        publish(BridgeKafka.inbound(FourBizStub.HOURS_INTERACTION, monday, "segunda de manhã",
                Instant.parse("2026-11-30T13:00:00Z")));
        publish(BridgeKafka.inbound(FourBizStub.HOURS_INTERACTION, christmas, "no natal",
                Instant.parse("2026-12-25T13:00:00Z")));

        assertThat(acknowledgement(FourBizStub.HOURS_INTERACTION, monday).text()).doesNotContain("fora do horário")
                .contains("Responderemos por aqui");
        assertThat(acknowledgement(FourBizStub.HOURS_INTERACTION, christmas).text()).contains("fora do horário");
        assertThat(outOfHours(FourBizStub.HOURS_INTERACTION)).isEqualTo(before + 1);
    }

    @Test
    void anInteractionsOwnOutOfHoursTextIsUsed() {
        String person = "+5511912345804";
        publish(BridgeKafka.inbound(FourBizStub.OWN_TEXT_INTERACTION, person, "alguém aí?", Instant.now()));

        assertThat(acknowledgement(FourBizStub.OWN_TEXT_INTERACTION, person).text())
                .isEqualTo("Plantão encerrado. Chamado 4521 registrado, Maria.");
    }
}
