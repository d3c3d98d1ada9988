package omnichannel.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.simulators.identity.Tokens;

/** config-service's internal API played by WireMock over real HTTP. */
public class ConfigServiceStub implements QuarkusTestResourceLifecycleManager {

    public static final String AUTH_TOKEN = "gateway-test-auth-token";
    public static final String WHATSAPP_ID = "wa-interaction-1";
    public static final String INACTIVE_ID = "wa-inactive";
    public static final String TWITTER_ID = "x-interaction-1";
    public static final String LOG_ONLY_ID = "wa-log-only";
    /** The main WhatsApp interaction's secondary Auth Token: Twilio is rotating the account's token. */
    public static final String SECONDARY_AUTH_TOKEN = "secondary-token-during-rotation";
    /** Was in log-only mode, which ended an hour ago: enforcing again by itself. */
    public static final String LOG_ONLY_EXPIRED_ID = "wa-log-only-expired";
    /** Read for the first time while config-service is down (no test reads it before). */
    public static final String RETRIED_ID = "wa-retried";
    /** Only the report test sends webhooks here: its bad signatures are all that is reported for it. */
    public static final String REPORTED_ID = "wa-reported";
    /** The X user id of the TWITTER_ID interaction's account. */
    public static final String X_ACCOUNT_ID = "3001";
    /** The TWITTER_ID interaction's API secret key (the CRC vector's consumer secret). */
    public static final String X_SECRET = "z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu";

    /**
     * Answers only calls that carry an unexpired token with the service role, as config-service does (the signature is
     * config-service's own test's concern); anything else gets 401, counted by {@link #unauthorizedCalls()}.
     */
    private static final ValueMatcher<Request> VALID_SERVICE_TOKEN = request -> MatchResult
            .of(isValidServiceToken(request.getHeader("Authorization")));

    private static boolean isValidServiceToken(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            boolean serviceRole = false;
            for (JsonNode group : claims.path("groups")) {
                serviceRole |= Tokens.GATEWAY.equals(group.asText()); // the gateway's own role
            }
            return serviceRole && claims.path("exp").asLong() > Instant.now().getEpochSecond();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Calls to the internal API answered 401: without a valid service token when they came. */
    public static long unauthorizedCalls() {
        return server.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().startsWith("/internal/"))
                .filter(event -> event.getResponse().getStatus() == 401).count();
    }

    /** The bearer tokens presented for one interaction, in order. */
    public static List<String> tokensPresentedFor(String id) {
        return server.findAll(getRequestedFor(urlEqualTo("/internal/v1/interactions/" + id))).stream()
                .map(request -> request.getHeader("Authorization")).toList();
    }

    /** One more active WhatsApp interaction, which no test has read yet. */
    public static void whatsAppInteraction(String id) {
        stub(id, "WHATSAPP_TWILIO", true);
    }

    private static WireMockServer server;

    /** The bridge's file behind a media link (same server: the gateway's test points both clients here). */
    public static void mediaLink(String id, int status, String contentType, byte[] body) {
        server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/internal/v1/media/" + id))
                .andMatching(VALID_SERVICE_TOKEN).willReturn(aResponse().withStatus(status)
                        .withHeader("Content-Type", contentType).withBody(body)));
    }

    /** The requests for media links the bridge got, with their query strings. */
    public static List<String> mediaLinkRequests() {
        return server.getAllServeEvents().stream().map(event -> event.getRequest().getUrl())
                .filter(url -> url.startsWith("/internal/v1/media/")).toList();
    }

    /** config-service takes the report of an X account's revocation (204), or is down (503). */
    public static void revocations(boolean accepted) {
        server.stubFor(post(urlMatching("/internal/v1/interactions/[^/]+/x-connection/revoked")).atPriority(2)
                .andMatching(VALID_SERVICE_TOKEN).willReturn(aResponse().withStatus(accepted ? 204 : 503)));
    }

    /** The revocations the gateway reported, by interaction. */
    public static List<String> revocationsReported() {
        return server.getAllServeEvents().stream().map(event -> event.getRequest().getUrl())
                .filter(url -> url.endsWith("/x-connection/revoked")).toList();
    }

    /** config-service takes the gateway's reports of bad signatures (204), or is down for them (503). */
    public static void signatureReports(boolean accepted) {
        server.stubFor(post(urlEqualTo("/internal/v1/signature-failures")).atPriority(2)
                .andMatching(VALID_SERVICE_TOKEN).willReturn(aResponse().withStatus(accepted ? 204 : 503)));
    }

    /** The reports about {@code interactionId}: failures in those config-service took (204), and how many it refused. */
    public static long[] signatureReportsAbout(String interactionId) {
        long accepted = 0;
        long refused = 0;
        for (var event : server.getAllServeEvents()) {
            if (!event.getRequest().getUrl().equals("/internal/v1/signature-failures")) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode counts;
            try {
                counts = omnichannel.events.json.EventJson.mapper().readTree(event.getRequest().getBodyAsString())
                        .path("counts");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            for (var count : counts) {
                if (count.path("interactionId").asText().equals(interactionId)) {
                    if (event.getResponse().getStatus() == 204) {
                        accepted += count.path("failures").asLong();
                    } else {
                        refused++;
                    }
                }
            }
        }
        return new long[]{accepted, refused};
    }

    /** config-service down (every call answers 503) or back. */
    public static void outage(boolean down) {
        if (down) {
            server.stubFor(get(urlMatching("/internal/.*")).atPriority(1)
                    .willReturn(aResponse().withStatus(503)));
        } else {
            server.resetToDefaultMappings();
            stubAll();
        }
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        stubAll();
        return IdentityProvider.shared().withClientProperties("webhook-gateway",
                Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                        "quarkus.rest-client.ticket-bridge.url", server.baseUrl()));
    }

    private static void stubAll() {
        stub(WHATSAPP_ID, "WHATSAPP_TWILIO", true);
        stub(INACTIVE_ID, "WHATSAPP_TWILIO", false);
        stub(TWITTER_ID, "TWITTER_DM", true);
        stub(LOG_ONLY_ID, "WHATSAPP_TWILIO", true);
        stub(LOG_ONLY_EXPIRED_ID, "WHATSAPP_TWILIO", true);
        stub(RETRIED_ID, "WHATSAPP_TWILIO", true);
        stub(REPORTED_ID, "WHATSAPP_TWILIO", true);
        signatureReports(true);
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/unknown")).andMatching(VALID_SERVICE_TOKEN)
                .willReturn(aResponse().withStatus(404)));
        // as config-service: an id it does not know is 404 for a valid token, anything without one 401
        server.stubFor(get(urlMatching("/internal/.*")).atPriority(9).andMatching(VALID_SERVICE_TOKEN)
                .willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlMatching("/internal/.*")).atPriority(10).willReturn(aResponse().withStatus(401)));
    }

    private static void stub(String id, String channel, boolean active) {
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + id)).andMatching(VALID_SERVICE_TOKEN)
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"id":"%s","channel":"%s","name":"Suporte","active":%s,"whatsappNumber":"+5511999990000",
                                 "twilioAccountSid":"AC0123456789abcdef0123456789abcdef","twilioAuthToken":"%s",
                                 "twilioSecondaryAuthToken":%s,
                                 "twitterApiSecretKey":"z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu",
                                 "twitterUserId":"%s",
                                 "signatureMode":"%s","signatureLogOnlyUntil":%s,
                                 "defaultUnitId":12,"defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7}
                                """.formatted(id, channel, active, AUTH_TOKEN,
                                WHATSAPP_ID.equals(id) ? "\"" + SECONDARY_AUTH_TOKEN + "\"" : "null", X_ACCOUNT_ID,
                                id.startsWith(LOG_ONLY_ID) ? "LOG_ONLY" : "ENFORCE",
                                LOG_ONLY_ID.equals(id)
                                        ? "\"" + java.time.Instant.now().plusSeconds(3600) + "\""
                                        : LOG_ONLY_EXPIRED_ID.equals(id)
                                                ? "\"" + java.time.Instant.now().minusSeconds(3600) + "\""
                                                : "null"))));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
