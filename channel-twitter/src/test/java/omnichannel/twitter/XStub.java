package omnichannel.twitter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import omnichannel.platform.x.XCredentials;

/** The X API and config-service's internal API, played by WireMock over HTTP. */
public class XStub implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_INTERACTION = "x-webhook";
    public static final String DUPLICATE_INTERACTION = "x-dup";
    public static final String POLLING_INTERACTION = "x-poll";
    /** A polled account that receives 600 DMs between two polls (six pages of X's 100). */
    public static final String FLOODED_INTERACTION = "x-poll-many";
    public static final String FLOOD_TOKEN = "flood-access-token";
    public static final String ACCOUNT = "3001";
    /** X refuses DMs to this person (403). */
    public static final String UNREACHABLE_PERSON = "5003";
    /** The person whose data the privacy test exports and erases (no other test writes to them). */
    public static final String ERASED_PERSON = "4710";
    /** The first DM to this person meets a 429 whose window resets two seconds later. */
    public static final String THROTTLED_PERSON = "5004";
    public static final XCredentials CREDENTIALS = new XCredentials("local-x-api-key", "local-x-api-secret",
            "3001-local-access-token", "local-access-token-secret");

    /** An attendant's photo and PDF behind the gateway's one-time links (this server plays the gateway too). */
    public static final String PHOTO_LINK_PATH = "/media/2f1c1b6e-0000-4000-8000-000000000001";
    public static final String PDF_LINK_PATH = "/media/2f1c1b6e-0000-4000-8000-000000000002";
    public static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};
    public static final String MEDIA_ID = "7100000000000000001";

    /** The links and X's upload: the photo's link opens once; X's first upload attempt fails with 503. */
    private static void media() {
        server.stubFor(get(urlPathEqualTo(PHOTO_LINK_PATH)).inScenario("photo-link").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("spent").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                        .withHeader("Content-Type", "image/png").withBody(PHOTO)));
        server.stubFor(get(urlPathEqualTo(PHOTO_LINK_PATH)).inScenario("photo-link").whenScenarioStateIs("spent")
                .willReturn(json(410, "{\"title\":\"Gone\"}")));
        server.stubFor(get(urlPathEqualTo(PDF_LINK_PATH)).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withHeader("Content-Type", "application/pdf").withBody("%PDF-1.4")));
        server.stubFor(post(urlEqualTo("/2/media/upload")).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up").willReturn(json(503, "{\"title\":\"Service Unavailable\"}")));
        server.stubFor(post(urlEqualTo("/2/media/upload")).inScenario("upload").whenScenarioStateIs("up")
                .willReturn(json(200, "{\"data\":{\"id\":\"" + MEDIA_ID + "\",\"media_key\":\"3_" + MEDIA_ID
                        + "\",\"expires_after_secs\":86400}}")));
    }

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        interaction(WEBHOOK_INTERACTION, "WEBHOOK");
        interaction(DUPLICATE_INTERACTION, "WEBHOOK");
        interaction(POLLING_INTERACTION, "POLLING");
        interaction(FLOODED_INTERACTION, "POLLING", FLOOD_TOKEN);

        server.stubFor(post(urlPathEqualTo("/2/dm_conversations/with/" + "4002" + "/messages")).willReturn(sent()));
        server.stubFor(post(urlPathEqualTo("/2/dm_conversations/with/" + ERASED_PERSON + "/messages")).willReturn(sent()));
        server.stubFor(post(urlPathEqualTo("/2/dm_conversations/with/" + UNREACHABLE_PERSON + "/messages"))
                .willReturn(json(403, "{\"title\":\"Forbidden\",\"detail\":\"You cannot send messages to this user.\"}")));
        server.stubFor(post(urlPathEqualTo("/2/dm_conversations/with/" + THROTTLED_PERSON + "/messages"))
                .inScenario("throttled").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("reset")
                .willReturn(json(429, "{\"title\":\"Too Many Requests\"}")
                        .withHeader("x-rate-limit-limit", "15").withHeader("x-rate-limit-remaining", "0")
                        // two seconds after the refusal, whenever the test runs
                        .withHeader("x-rate-limit-reset", "{{now offset='2 seconds' format='unix'}}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo("/2/dm_conversations/with/" + THROTTLED_PERSON + "/messages"))
                .inScenario("throttled").whenScenarioStateIs("reset").willReturn(sent()));

        server.stubFor(post(urlEqualTo("/oauth2/token"))
                .willReturn(json(200, "{\"token_type\":\"bearer\",\"access_token\":\"AAAA-app-only\"}")));
        server.stubFor(post(urlEqualTo("/2/webhooks")).atPriority(5).willReturn(json(200,
                "{\"data\":{\"id\":\"wh-1\",\"url\":\"https://omnichannel.example.com/webhooks/twitter/x-webhook\",\"valid\":true}}")));
        server.stubFor(post(urlEqualTo("/2/webhooks")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(DUPLICATE_INTERACTION))
                .willReturn(json(409, "{\"title\":\"DuplicateUrlFailed\",\"detail\":\"URL already registered\"}")));
        server.stubFor(get(urlEqualTo("/2/webhooks")).willReturn(json(200, """
                {"data":[{"id":"wh-7","url":"https://omnichannel.example.com/webhooks/twitter/x-dup","valid":true}]}
                """)));
        server.stubFor(post(urlPathEqualTo("/2/account_activity/webhooks/wh-1/subscriptions/all"))
                .willReturn(json(200, "{\"data\":{\"subscribed\":true}}")));
        server.stubFor(post(urlPathEqualTo("/2/account_activity/webhooks/wh-7/subscriptions/all"))
                .willReturn(json(409, "{\"title\":\"DuplicateSubscriptionFailed\"}")));

        // polling: empty at first, then two DMs from a person and one echo of ours
        server.stubFor(get(urlPathEqualTo("/2/dm_events")).inScenario("dms").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"meta\":{\"result_count\":0}}").withHeader("x-rate-limit-remaining", "14")));
        server.stubFor(get(urlPathEqualTo("/2/dm_events")).inScenario("dms").whenScenarioStateIs("arrived")
                .willReturn(json(200,
                        """
                                {"data":[
                                  {"id":"1900000000000000003","event_type":"MessageCreate","text":"segunda DM por polling","sender_id":"4002","created_at":"2026-11-21T12:00:03.000Z"},
                                  {"id":"1900000000000000002","event_type":"MessageCreate","text":"eco da conta","sender_id":"3001","created_at":"2026-11-21T12:00:02.000Z"},
                                  {"id":"1900000000000000001","event_type":"MessageCreate","text":"primeira DM por polling","sender_id":"4002","created_at":"2026-11-21T12:00:01.000Z"}],
                                 "includes":{"users":[{"id":"4002","name":"Joana Lima","username":"joanalima"}]},
                                 "meta":{"result_count":3}}
                                """)
                        .withHeader("x-rate-limit-remaining", "13")));

        flood();
        media();
        return omnichannel.simulators.identity.IdentityProvider.shared().withClientProperties("channel-twitter",
                Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                        "twitter.x-api-base-url", server.baseUrl(), "omnichannel.public-base-url", server.baseUrl()));
    }

    /** The flooded account: no DMs at first, then 600 (ids 1..600 above a base), newest first in pages of 100. */
    private static void flood() {
        var forFlood = com.github.tomakehurst.wiremock.client.WireMock.containing("oauth_token=\"" + FLOOD_TOKEN + "\"");
        server.stubFor(get(urlPathEqualTo("/2/dm_events")).atPriority(1).withHeader("Authorization", forFlood)
                .inScenario("flood").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, "{\"meta\":{\"result_count\":0}}").withHeader("x-rate-limit-remaining", "100")));
        for (int page = 0; page < 6; page++) {
            StringBuilder data = new StringBuilder();
            for (int n = 600 - 100 * page; n > 500 - 100 * page; n--) {
                data.append(data.isEmpty() ? "" : ",").append("""
                        {"id":"%d","event_type":"MessageCreate","text":"dm %d","sender_id":"4002"}"""
                        .formatted(2_000_000_000_000_000_000L + n, n));
            }
            String next = page < 5 ? ",\"next_token\":\"p" + (page + 1) + "\"" : "";
            var request = get(urlPathEqualTo("/2/dm_events")).atPriority(1).withHeader("Authorization", forFlood)
                    .withQueryParam("pagination_token", page == 0
                            ? com.github.tomakehurst.wiremock.client.WireMock.absent()
                            : com.github.tomakehurst.wiremock.client.WireMock.equalTo("p" + page));
            server.stubFor(request.inScenario("flood").whenScenarioStateIs("flooded").willReturn(json(200,
                    "{\"data\":[" + data + "],\"meta\":{\"result_count\":100" + next + "}}")
                    .withHeader("x-rate-limit-remaining", "100")));
        }
    }

    /** 600 people's DMs arrive at the flooded account at once. */
    public static void floodArrives() {
        server.setScenarioState("flood", "flooded");
    }

    /** People start writing to the polled account. */
    public static void dmsArrive() {
        server.setScenarioState("dms", "arrived");
    }

    private static void interaction(String id, String mode) {
        interaction(id, mode, CREDENTIALS.accessToken());
    }

    private static void interaction(String id, String mode, String accessToken) {
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + id)).willReturn(json(200, """
                {"id":"%s","channel":"TWITTER_DM","name":"Suporte X","active":true,
                 "callbackUrl":"https://omnichannel.example.com/webhooks/twitter/%s",
                 "twitterApiKey":"%s","twitterApiSecretKey":"%s","twitterAccessToken":"%s",
                 "twitterAccessTokenSecret":"%s","twitterUserId":"%s","twitterDeliveryMode":"%s"}
                """.formatted(id, id, CREDENTIALS.apiKey(), CREDENTIALS.apiSecret(), accessToken,
                CREDENTIALS.accessTokenSecret(), ACCOUNT, mode))));
    }

    private static ResponseDefinitionBuilder sent() {
        return json(201, "{\"data\":{\"dm_conversation_id\":\"3001-4002\",\"dm_event_id\":\"1800000000000000001\"}}")
                .withHeader("x-rate-limit-limit", "200").withHeader("x-rate-limit-remaining", "199")
                .withHeader("x-rate-limit-reset", Long.toString(Instant.now().getEpochSecond() + 900));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        server.stop();
    }
}
