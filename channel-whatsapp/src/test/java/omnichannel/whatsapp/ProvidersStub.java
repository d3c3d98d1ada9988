package omnichannel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The Twilio Messages API and config-service's internal API, played by WireMock over HTTP. */
public class ProvidersStub implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    public static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    public static final String OPEN = "wa-open";
    public static final String TEMPLATE = "wa-template";
    public static final String CONTENT_SID = "HX0123456789abcdef0123456789abcdef";
    /** An interaction with its own template for attendants' answers, besides the single one. */
    public static final String PURPOSES = "wa-purposes";
    public static final String ANSWER_SID = "HX" + "a".repeat(32);
    public static final String CONTACT_SID = "HX" + "c".repeat(32);
    /** A recipient Twilio throttles once (429) before accepting. */
    public static final String THROTTLED_ONCE = "+5511900000429";
    /** A recipient Twilio refuses permanently (21211, invalid number). */
    public static final String INVALID = "+5511900021211";

    /** A recipient whose window Twilio knows is closed: free text is refused at once with 63016. */
    public static final String WINDOW_CLOSED_AT_TWILIO = "+5511900063016";

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        interaction(OPEN, null);
        interaction(TEMPLATE, CONTENT_SID);
        interaction(PURPOSES, CONTENT_SID, """
                {"ATTENDANT_ANSWER":{"contentSid":"%s",
                  "variables":{"1":"ticketNumber","2":"answerExcerpt","3":"personName"},"excerptLength":12},
                 "AGENT_CONTACT":{"contentSid":"%s","variables":{"1":"personName","2":"ticketNumber"}}}
                """.formatted(ANSWER_SID, CONTACT_SID));
        server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(5).willReturn(created()));
        server.stubFor(get(urlPathEqualTo(MESSAGES)).atPriority(5).willReturn(page()));
        server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1).withRequestBody(containing("To=whatsapp%3A%2B5511900063016"))
                .withRequestBody(containing("Body=")).willReturn(error(400, 63016,
                        "Failed to send freeform message because you are outside the allowed window.")));
        server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1).withRequestBody(containing("To=whatsapp%3A%2B5511900021211"))
                .willReturn(error(400, 21211, "The 'To' number is not a valid phone number.")));
        server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1).withRequestBody(containing("To=whatsapp%3A%2B5511900000429"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("accepted")
                .willReturn(error(429, 20429, "Too Many Requests")));
        server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1).withRequestBody(containing("To=whatsapp%3A%2B5511900000429"))
                .inScenario("throttle").whenScenarioStateIs("accepted").willReturn(created()));
        return omnichannel.simulators.identity.IdentityProvider.shared().withClientProperties("channel-whatsapp",
                Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                        "whatsapp.twilio-api-base-url", server.baseUrl()));
    }

    private static void interaction(String id, String contentSid) {
        interaction(id, contentSid, "null");
    }

    /** @param templates the interaction's templates per purpose, as JSON */
    private static void interaction(String id, String contentSid, String templates) {
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + id)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id":"%s","channel":"WHATSAPP_TWILIO","active":true,"whatsappNumber":"+5511999990000",
                         "twilioAccountSid":"%s","twilioAuthToken":"whatsapp-test-token",
                         "callbackUrl":"https://hooks.example.com/webhooks/whatsapp/%s",
                         "templateContentSid":%s,"templates":%s,"messagesPerSecond":50}
                        """.formatted(id, ACCOUNT, id, contentSid == null ? "null" : "\"" + contentSid + "\"",
                        templates))));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"sid":"SM{{randomValue length=32 type='HEXADECIMAL'}}","status":"queued","account_sid":"%s",
                 "api_version":"2010-04-01","num_media":"0","num_segments":"1","direction":"outbound-api"}
                """.formatted(ACCOUNT)).withTransformers("response-template");
    }

    /** A page of Twilio's message list (2010 format, newest first) holding {@code messages}. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(String... messages) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"messages":[%s],"uri":"%s?PageSize=20&Page=0","first_page_uri":"%s?PageSize=20&Page=0",
                 "next_page_uri":null,"previous_page_uri":null,"page":0,"page_size":20,"start":0,"end":%d}
                """.formatted(String.join(",", messages), MESSAGES, MESSAGES, Math.max(0, messages.length - 1)));
    }

    /** One message of Twilio's list, as Twilio writes it (RFC 2822 dates). */
    public static String listed(String sid, String to, String body, java.time.Instant created) {
        String date = java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US)
                .format(created.atZone(java.time.ZoneOffset.UTC));
        return """
                {"sid":"%s","account_sid":"%s","api_version":"2010-04-01","body":"%s","date_created":"%s",
                 "date_updated":"%s","date_sent":null,"direction":"outbound-api","from":"whatsapp:+5511999990000",
                 "to":"whatsapp:%s","status":"queued","num_media":"0","num_segments":"1"}
                """.formatted(sid, ACCOUNT, body, date, date, to);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, int code, String text) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(
                        "{\"code\":%d,\"message\":\"%s\",\"more_info\":\"https://www.twilio.com/docs/errors/%d\",\"status\":%d}"
                                .formatted(code, text, code, status));
    }

    @Override
    public void stop() {
        server.stop();
    }
}
