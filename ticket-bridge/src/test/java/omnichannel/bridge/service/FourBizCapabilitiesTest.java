package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.on;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * A 4biz that serves only what it documents, with the deployment having configured two optional capabilities it does
 * not have: the employee web service answers a plain 404 (under /services and /webmvc/services), the named query is
 * refused with 4biz's error body ({@code 412 PARAM}, "unknown query"). Every person still gets a ticket through
 * {@code request/create} with {@code synchronize}; the absent service is asked once and then switched off; nothing is
 * dead-lettered; and an attendant's file this 4biz gives no way to read is named in the answer.
 */
@QuarkusTest
@TestProfile(FourBizCapabilitiesTest.Documented.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
class FourBizCapabilitiesTest {

    static final String INTERACTION = "wa-documented";
    static final String TICKET = "6100";
    static WireMockServer server;

    public static class Documented implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DocumentedStub.class));
        }
    }

    public static class DocumentedStub implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + INTERACTION)).willReturn(json(200, """
                    {"id":"%s","channel":"WHATSAPP_TWILIO","name":"Suporte","defaultUnitId":12,
                     "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":false,
                     "active":true}""".formatted(INTERACTION))));
            server.stubFor(get(urlEqualTo("/internal/v1/parameters")).willReturn(json(200, "{\"118\":\"1\"}")));
            server.stubFor(post(urlEqualTo("/4biz/services/login")).willReturn(json(200, "{\"sessionID\":\"s-9\"}")));
            // documented: a ticket only with synchronize (4biz creates the requester from the contact)
            server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(5).willReturn(json(412,
                    "{\"error\":{\"code\":\"INPUT\",\"description\":\"unknown user\"}}")));
            server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                    .withRequestBody(containing("\"synchronize\":true")).willReturn(json(200,
                            "{\"request\":{\"number\":\"" + TICKET + "\",\"status\":{\"code\":\"EmAndamento\"}},"
                                    + "\"error\":null}")));
            server.stubFor(post(urlEqualTo("/4biz/services/request/getById")).willReturn(json(200,
                    "{\"request\":{\"number\":\"" + TICKET + "\",\"status\":{\"code\":\"EmAndamento\"}},\"error\":null}")));
            server.stubFor(post(urlEqualTo("/4biz/services/data/query")).willReturn(json(412,
                    "{\"error\":{\"code\":\"PARAM\",\"description\":\"unknown query consulta_nao_registrada\"}}")));
            // an attendant's answer with a file: this 4biz happens to list it, but offers no read of its content
            server.stubFor(post(urlEqualTo("/4biz/services/request/listOccurrences")).willReturn(json(200, """
                    {"occurrences":[{"id":"61","numberOrigin":null,"description":"Segue o manual.",
                      "category":{"code":"Retorno"},
                      "attachments":[{"id":"801","fileName":"manual.pdf","contentType":"application/pdf","size":30}]}],
                     "error":null}""")));
            return omnichannel.simulators.identity.IdentityProvider.shared().withClientProperties("ticket-bridge",
                    Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                            "fourbiz.base-url", server.baseUrl() + "/4biz",
                            "fourbiz.username", "omnichannel", "fourbiz.password", "test-password",
                            "fourbiz.capabilities.requester-upsert", "employee/nao-existe",
                            "fourbiz.capabilities.employee-query", "consulta_nao_registrada",
                            // not configured here (the other tests' stub configures it for the whole module)
                            "fourbiz.capabilities.attachment-read", ""));
        }

        private static ResponseDefinitionBuilder json(int status, String body) {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    @Test
    void everyoneGetsATicketThroughTheDocumentedPathWhenTheOptionalCapabilitiesAreMissing() {
        InboundMessage first = inbound(INTERACTION, "+5511912348001", "primeira pessoa");
        InboundMessage second = inbound(INTERACTION, "+5511912348002", "segunda pessoa");

        publish(first);
        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, first.correlationId()).isEmpty());
        publish(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, second.correlationId()).isEmpty());

        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("segunda pessoa"))).get(0).getBodyAsString())
                .contains("\"synchronize\":true").contains("\"userID\":\"whatsapp_5511912348002\"")
                .contains("\"contact\":{\"name\":\"Maria\",\"phoneNumber\":\"+5511912348002\"");
        // the absent employee service: asked for the first person only, under both prefixes, then switched off
        assertThat(server.findAll(anyRequestedFor(urlEqualTo("/4biz/services/employee/nao-existe")))).hasSize(1);
        assertThat(server.findAll(anyRequestedFor(urlEqualTo("/4biz/webmvc/services/employee/nao-existe")))).hasSize(1);
        // the refused query is an answer about this call, not about the capability: asked for each, never holding back
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/data/query")))).hasSize(2);
        assertThat(on(Topics.deadLetter(Topics.INBOUND), first.correlationId())).isEmpty();
        assertThat(on(Topics.deadLetter(Topics.INBOUND), second.correlationId())).isEmpty();

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("omnichannel_fourbiz_capability\\{capability=\"requester-upsert\",state=\"absent\"} 1\\.0")
                .containsPattern("omnichannel_fourbiz_capability\\{capability=\"employee-query\",state=\"on\"} 1\\.0")
                .containsPattern("omnichannel_fourbiz_capability\\{capability=\"attachment-read\",state=\"off\"} 1\\.0")
                .as("neither the 404s nor the refusals count as a 4biz outage")
                .doesNotContainPattern("omnichannel_dependency_failures_total\\{dependency=\"4biz\"[^}]*} [1-9]");

        // the attendant's answer reaches the person with the file named: this 4biz has no read for its content
        List<OutboundMessage> answers = await().atMost(Duration.ofSeconds(30)).until(
                () -> sentTo(INTERACTION, "+5511912348001").stream()
                        .filter(m -> m.text().startsWith("Segue o manual.")).toList(),
                list -> !list.isEmpty());
        assertThat(answers.get(0).text()).contains("arquivo anexado: manual.pdf; veja no chamado nº " + TICKET);
        assertThat(answers.get(0).mediaUrls()).isEmpty();
        assertThat(server.findAll(anyRequestedFor(urlPathMatching("/4biz/webmvc/v1/.*")))).isEmpty();
    }

    /** 4biz and config-service are reported in their own health group, never in readiness. */
    @Test
    void theDependenciesGroupReports4bizAndConfigServiceAndReadinessDoesNot() {
        given().get("/q/health/group/dependencies").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("4biz login", "config-service"))
                .body("checks.status", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("UP")));
        given().get("/q/health/ready").then()
                .body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("4biz login")));
    }
}
