package omnichannel.config.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;
import omnichannel.simulators.twilio.TwilioWebhookSigner;

/** Verification against Twilio, X and "our gateway", all played by WireMock over HTTP. */
@QuarkusTest
@QuarkusTestResource(value = VerificationTest.Providers.class, restrictToAnnotatedClass = true)
class VerificationTest extends ConfigServiceTest {

    static WireMockServer providers;

    /** Twilio, X and the gateway's callback, on one WireMock server that is also the public base URL. */
    public static class Providers implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            providers = new WireMockServer(wireMockConfig().dynamicPort());
            providers.start();
            providers.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef.json"))
                    .withBasicAuth("AC0123456789abcdef0123456789abcdef", AUTH_TOKEN)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\":\"AC0123456789abcdef0123456789abcdef\",\"status\":\"active\"}")));
            providers.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withStatus(401)));
            providers.stubFor(post(urlMatching("/webhooks/whatsapp/.*"))
                    .withHeader("X-Twilio-Signature", matching(".+"))
                    .willReturn(aResponse().withHeader("X-Omnichannel-Self-Test", "authenticated")
                            .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>")));
            // Twilio's Content API: two pages (the second through meta.next_page_url), one template not approved
            providers.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageSize", equalTo("100"))
                    .withBasicAuth("AC0123456789abcdef0123456789abcdef", AUTH_TOKEN)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                            {"contents":[%s,%s],"meta":{"page":0,"page_size":100,"key":"contents",
                             "next_page_url":"%s/v1/ContentAndApprovals?PageSize=100&Page=1&PageToken=PT1"}}
                            """.formatted(content(APPROVED, "atualizacao_chamado", "approved"),
                            content(PENDING, "contato_atendente", "pending"), providers.baseUrl()))));
            providers.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", equalTo("PT1"))
                    .withBasicAuth("AC0123456789abcdef0123456789abcdef", AUTH_TOKEN)
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                            {"contents":[%s],"meta":{"page":1,"page_size":100,"key":"contents","next_page_url":null}}
                            """.formatted(content(REJECTED, "pesquisa_satisfacao", "rejected")))));
            // ticket-bridge's 4biz test, asked with the admin's own token
            providers.stubFor(get(urlPathEqualTo("/api/v1/fourbiz/verification"))
                    .withHeader("Authorization", matching("Bearer .+"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                            "{\"steps\":[{\"name\":\"4biz: login\",\"ok\":true,\"detail\":\"entrou\"}]}")));
            return Map.of("omnichannel.public-base-url", providers.baseUrl(),
                    "omnichannel.ticket-bridge-url", providers.baseUrl(),
                    "omnichannel.twilio-api-base-url", providers.baseUrl(),
                    "omnichannel.twilio-content-api-base-url", providers.baseUrl(),
                    "omnichannel.x-api-base-url", providers.baseUrl());
        }

        @Override
        public void stop() {
            providers.stop();
        }
    }

    static final String APPROVED = "HX" + "a".repeat(32);
    static final String PENDING = "HX" + "b".repeat(32);
    static final String REJECTED = "HX" + "c".repeat(32);

    /** One entry of Twilio's {@code ContentAndApprovals} list. */
    static String content(String sid, String name, String status) {
        return """
                {"sid":"%s","account_sid":"AC0123456789abcdef0123456789abcdef","friendly_name":"%s","language":"pt_BR",
                 "variables":{"1":"4521","2":"Maria"},"types":{"twilio/text":{"body":"Chamado {{1}}, {{2}}"}},
                 "approval_requests":{"name":"%s","category":"UTILITY","status":"%s","rejection_reason":""}}
                """.formatted(sid, name, name, status);
    }

    private static String withTemplate(String name, String contentSid) {
        return whatsappBody(name).replace("\"authToken\":\"" + AUTH_TOKEN + "\"",
                "\"authToken\":\"" + AUTH_TOKEN + "\",\"templateContentSid\":\"" + contentSid + "\"");
    }

    @Test
    void theAccountsTemplatesAreListedWithTheirApprovalFromEveryPageOfTheContentApi() {
        String id = create(whatsappBody("Modelos"));

        viewer().get("/api/v1/interactions/" + id + "/whatsapp/templates").then().statusCode(200)
                .body("sid", contains(APPROVED, PENDING, REJECTED))
                .body("name", contains("atualizacao_chamado", "contato_atendente", "pesquisa_satisfacao"))
                .body("approval", contains("approved", "pending", "rejected"))
                .body("[0].variables", contains("1", "2"))
                .body(not(containsString(AUTH_TOKEN)));
        viewer().get("/api/v1/interactions/" + create(twitterBody("Sem modelos")) + "/whatsapp/templates").then()
                .statusCode(404);
        String wrongToken = create(whatsappBody("Token recusado").replace(AUTH_TOKEN, "a-wrong-auth-token-value"));
        viewer().get("/api/v1/interactions/" + wrongToken + "/whatsapp/templates").then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("HTTP 404"));
    }

    @Test
    void verificationChecksThatTheTemplateExistsAndIsApproved() {
        admin().post("/api/v1/interactions/" + create(withTemplate("Aprovado", APPROVED)) + "/verification").then()
                .statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true))
                .body("steps.name", contains("credentials", "callback", "template", "4biz: login"))
                .body("steps[2].detail", containsString("atualizacao_chamado"));
        admin().post("/api/v1/interactions/" + create(withTemplate("Pendente", PENDING)) + "/verification").then()
                .statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps[2].ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps[2].detail", containsString("not approved")).body("steps[2].detail", containsString("pending"));
        // a template per purpose is checked too, each in its own step
        String purposes = create(withTemplate("Por finalidade", APPROVED).replaceFirst("\"templateContentSid\"",
                "\"templates\":{\"ATTENDANT_ANSWER\":{\"contentSid\":\"" + REJECTED + "\",\"variables\":"
                        + "{\"1\":\"ticketNumber\",\"2\":\"answerExcerpt\"}}},\"templateContentSid\""));
        admin().post("/api/v1/interactions/" + purposes + "/verification").then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps.name", contains("credentials", "callback", "template", "template ATTENDANT_ANSWER",
                        "4biz: login"))
                .body("steps.ok", contains(true, true, true, false, true))
                .body("steps[3].detail", containsString("rejected"));
        admin().get("/api/v1/interactions/" + purposes).then().statusCode(200)
                .body("whatsapp.templates.ATTENDANT_ANSWER.contentSid", org.hamcrest.Matchers.equalTo(REJECTED))
                .body("whatsapp.templates.ATTENDANT_ANSWER.variables.2", org.hamcrest.Matchers.equalTo("answerExcerpt"));
        admin().body(withTemplate("Finalidade ruim", APPROVED).replaceFirst("\"templateContentSid\"",
                "\"templates\":{\"HELPER_ANSWER\":{\"contentSid\":\"" + APPROVED + "\"},\"ATTENDANT_ANSWER\":"
                        + "{\"contentSid\":\"nope\",\"variables\":{\"1\":\"cpf\"},\"excerptLength\":0}},"
                        + "\"templateContentSid\""))
                .post("/api/v1/interactions").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("whatsapp.templates.HELPER_ANSWER",
                        "whatsapp.templates.ATTENDANT_ANSWER.contentSid", "whatsapp.templates.ATTENDANT_ANSWER.variables",
                        "whatsapp.templates.ATTENDANT_ANSWER.excerptLength"));
        admin().post("/api/v1/interactions/" + create(withTemplate("Inexistente", "HX" + "d".repeat(32)))
                + "/verification").then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps[2].detail", containsString("is not in the account"));
    }

    @Test
    void whatsappInteractionPassesWhenTwilioAcceptsAndTheGatewayAuthenticatesASignedSelfTest() {
        String id = create(whatsappBody("Verificável"));

        admin().post("/api/v1/interactions/" + id + "/verification")
                .then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(true))
                .body("steps.name", contains("credentials", "callback", "4biz: login"))
                .body(not(containsString(AUTH_TOKEN)));
        assertThat(providers.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(urlPathEqualTo("/api/v1/fourbiz/verification"))
                .withQueryParam("interaction", equalTo(id)))).as("ticket-bridge was asked about this interaction")
                .hasSize(1);

        List<LoggedRequest> selfTests = providers.findAll(postRequestedFor(urlPathEqualTo("/webhooks/whatsapp/" + id)));
        assertThat(selfTests).hasSize(1);
        LoggedRequest selfTest = selfTests.get(0);
        String nonce = selfTest.getBodyAsString().replace("OmnichannelSelfTest=", "");
        assertThat(selfTest.getHeader("X-Twilio-Signature")).isEqualTo(TwilioWebhookSigner.sign(AUTH_TOKEN,
                providers.baseUrl() + "/webhooks/whatsapp/" + id, Map.of("OmnichannelSelfTest", List.of(nonce))));
    }

    @Test
    void reportsEachFailedStepInWordsWithoutSecrets() {
        String id = create(whatsappBody("Token errado").replace(AUTH_TOKEN, "a-wrong-auth-token-value"));
        admin().post("/api/v1/interactions/" + id + "/verification")
                .then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps[0].ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps[0].detail", containsString("refused"))
                .body(not(containsString("a-wrong-auth-token-value")));

        String x = create(twitterBody("X recusado"));
        admin().post("/api/v1/interactions/" + x + "/verification")
                .then().statusCode(200)
                .body("ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps.ok", contains(false, false, true))
                .body(not(containsString(API_SECRET)));
        assertThat(
                providers.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/2/users/me"))
                        .withHeader("Authorization", matching("OAuth .*oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\".*"))))
                .isNotEmpty();
    }

    /**
     * An override saved when its name looked public is resolved again at every verification: a name that now resolves
     * inside the network (here the machine's own name, from /etc/hosts) is refused without a connection.
     */
    @Test
    void anOverrideIsResolvedAndCheckedAtEveryCallNotOnlyWhenSaved() throws Exception {
        String local = java.net.InetAddress.getLocalHost().getHostName();
        org.junit.jupiter.api.Assumptions.assumeFalse(
                omnichannel.platform.net.OutboundUrls.isPublic(java.net.InetAddress.getByName(local)),
                "this machine's own name resolves to a public address here");
        String x = create(twitterBody("X override interno").replace("\"deliveryMode\":\"WEBHOOK\"",
                "\"deliveryMode\":\"WEBHOOK\",\"callbackUrl\":\"https://" + local + "/x/cb\""));
        admin().post("/api/v1/interactions/" + x + "/verification").then().statusCode(200)
                .body("steps.find { it.name == 'callback' }.ok", org.hamcrest.Matchers.equalTo(false))
                .body("steps.find { it.name == 'callback' }.detail", containsString("non-public"));
    }

    @Test
    void unknownInteractionIs404() {
        admin().post("/api/v1/interactions/nope/verification").then().statusCode(404);
    }
}
