package omnichannel.bridge.service;

import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.OutboundMessage;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * Files attendants attach to their answers reach the person through links the provider fetches: signed, for one
 * file, once, until they expire; tampered or expired links open nothing; a file above 16 MB is named, not linked.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class MediaLinksTest {

    @Test
    void anAttendantsFileGoesOutAsASignedLinkThatOpensOnceAndNeverWhenTamperedOrExpired() throws Exception {
        String person = "+5511912349301"; // a number no other test writes from
        publish(inbound(person, FourBizStub.FILE_ANSWER_TEXT));

        List<OutboundMessage> answers = await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(person).stream()
                .filter(m -> m.purpose() == OutboundMessage.Purpose.ATTENDANT_ANSWER).toList(), list -> list.size() == 3);
        assertThat(answers.get(0).text()).isEqualTo("Segue o manual.");
        assertThat(answers.get(1).text()).as("a file without text is still sent").isEmpty();
        assertThat(answers.get(2).text()).isEqualTo("Vídeo do procedimento.\n(procedimento.mp4 é grande demais para "
                + "enviar por aqui; veja no chamado nº " + FourBizStub.FILE_ANSWER_TICKET + ")");
        assertThat(answers.get(2).mediaUrls()).as("no link to a file above 16 MB").isEmpty();
        URI manual = URI.create(answers.get(0).mediaUrls().get(0));
        URI photo = URI.create(answers.get(1).mediaUrls().get(0));
        assertThat(manual.toString()).startsWith("https://hooks.example.com/media/").contains("?e=").contains("&s=");
        assertThat(manual.getPath()).doesNotContain("701").doesNotContain(FourBizStub.FILE_ANSWER_TICKET);

        // the gateway asks with its service token; only the service role may
        given().auth().oauth2(Tokens.shared().fourBiz()).get(internal(manual)).then().statusCode(403);
        byte[] file = given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get(internal(manual)).then()
                .statusCode(200)
                .contentType("application/pdf").header("Cache-Control", "no-store").extract().asByteArray();
        assertThat(file).isEqualTo(FourBizStub.MANUAL);
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get(internal(manual)).then().statusCode(410)
                .contentType("application/problem+json");

        String id = photo.getPath().substring("/media/".length());
        long expires = Long.parseLong(query(photo, "e"));
        String signature = query(photo, "s");
        // tampered: a later expiry, the id of another link, a signature of another key
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY))
                .get("/internal/v1/media/" + id + "?e=" + (expires + 3600) + "&s="
                        + signature)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY))
                .get(internal(manual).replaceFirst("media/[^?]+", "media/" + id))
                .then().statusCode(403);
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get("/internal/v1/media/" + id + "?e=" + expires + "&s="
                + sign("another-key-another-key-another-key", id, expires)).then().statusCode(403);
        // expired: correctly signed, but past its time
        long past = Instant.now().minusSeconds(5).getEpochSecond();
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get("/internal/v1/media/" + id + "?e=" + past + "&s="
                + sign(FourBizStub.MEDIA_LINK_KEY, id, past)).then().statusCode(410);
        // 4biz no longer has the photo: nothing to serve, and the link is not spent by the failure
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get(internal(photo)).then().statusCode(404);
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get("/internal/v1/media/not-a-uuid?e=1&s=x").then()
                .statusCode(400);
    }

    /** Two people on one ticket (an attendant's contact, a shared ticket): each conversation gets its own links. */
    @Test
    void twoConversationsOnOneTicketNeverShareALink() {
        String first = "+5511912349302";
        String second = "+5511912349303";
        publish(inbound(first, FourBizStub.FILE_ANSWER_TEXT + " primeira"));
        publish(inbound(second, FourBizStub.FILE_ANSWER_TEXT + " segunda"));

        URI mine = manualLink(first);
        URI theirs = manualLink(second);
        assertThat(mine.getPath()).isNotEqualTo(theirs.getPath());
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get(internal(mine)).then().statusCode(200);
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY)).get(internal(theirs)).then().statusCode(200);

        // a privacy export of the first person names their link, not the other person's on the same ticket
        String export = given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY))
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"whatsapp\":[\"" + first + "\"],\"twitter\":[],\"requesters\":[]}")
                .post("/api/v1/privacy/export").then().statusCode(200).extract().asString();
        String mineId = mine.getPath().substring("/media/".length());
        String theirsId = theirs.getPath().substring("/media/".length());
        assertThat(export).contains(mineId).doesNotContain(theirsId);
    }

    private static URI manualLink(String person) {
        return URI.create(await().atMost(Duration.ofSeconds(30)).until(() -> sentTo(person).stream()
                .filter(m -> "Segue o manual.".equals(m.text())).toList(), list -> !list.isEmpty()).get(0)
                .mediaUrls().get(0));
    }

    private static String internal(URI link) {
        return "/internal/v1" + link.getPath() + "?" + link.getRawQuery();
    }

    private static String query(URI link, String name) {
        for (String pair : link.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String sign(String key, String id, long expires) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((id + "." + expires).getBytes(StandardCharsets.US_ASCII)));
    }
}
