package omnichannel.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** config-service's internal API played by WireMock over real HTTP. */
public class ConfigServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String AUTH_TOKEN = "gateway-test-auth-token";
    public static final String WHATSAPP_ID = "wa-interaction-1";
    public static final String INACTIVE_ID = "wa-inactive";
    public static final String TWITTER_ID = "x-interaction-1";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        stub(WHATSAPP_ID, "WHATSAPP_TWILIO", true);
        stub(INACTIVE_ID, "WHATSAPP_TWILIO", false);
        stub(TWITTER_ID, "TWITTER_DM", true);
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/unknown"))
                .willReturn(aResponse().withStatus(404)));
        return Map.of("quarkus.rest-client.config-service.url", server.baseUrl());
    }

    private void stub(String id, String channel, boolean active) {
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + id)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"%s","channel":"%s","name":"Suporte","active":%s,"whatsappNumber":"+5511999990000",
                         "twilioAccountSid":"AC0123456789abcdef0123456789abcdef","twilioAuthToken":"%s",
                         "defaultUnitId":12,"defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7}
                        """.formatted(id, channel, active, AUTH_TOKEN))));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
