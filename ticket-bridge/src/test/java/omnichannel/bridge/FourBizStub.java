package omnichannel.bridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** 4biz's services API and config-service's internal API, played by WireMock over HTTP. */
public class FourBizStub implements QuarkusTestResourceLifecycleManager {

    public static final String INTERACTION = "wa-bridge";
    /** Messages with this text get a permanent INPUT rejection from 4biz. */
    public static final String REJECTED_TEXT = "rejeitar-esta";
    /** Messages with this text meet two 503 answers before 4biz accepts the ticket. */
    public static final String FLAKY_TEXT = "instavel-esta";

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + INTERACTION)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("""
                        {"id":"wa-bridge","channel":"WHATSAPP_TWILIO","name":"Suporte","defaultUnitId":12,
                         "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":false,
                         "active":true}
                        """)));
        server.stubFor(
                post(urlEqualTo("/4biz/services/login")).willReturn(json(200, "{\"sessionID\":\"s-1\",\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/employee/synchronize")).willReturn(json(200,
                "{\"employee\":{\"id\":981},\"created\":true,\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(5).willReturn(json(200,
                "{\"request\":{\"number\":\"4521\",\"numberOrigin\":\"x\",\"status\":{\"code\":\"EmAndamento\"}},\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(REJECTED_TEXT))
                .willReturn(json(412, "{\"error\":{\"code\":\"INPUT\",\"description\":\"unknown activity 170\"}}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/getById")).willReturn(json(412,
                "{\"error\":{\"code\":\"INPUT\",\"description\":\"request not found\"}}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(FLAKY_TEXT)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(FLAKY_TEXT)).inScenario("flaky").whenScenarioStateIs("second")
                .willSetStateTo("healthy").willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(FLAKY_TEXT)).inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(json(200,
                        "{\"request\":{\"number\":\"4600\",\"numberOrigin\":\"x\",\"status\":{\"code\":\"EmAndamento\"}},\"error\":null}")));
        return Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                "quarkus.rest-client.fourbiz.url", server.baseUrl() + "/4biz",
                "fourbiz.username", "omnichannel", "fourbiz.password", "test-password");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
