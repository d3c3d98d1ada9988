package omnichannel.config.client;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.config.config.OmnichannelConfig;
import omnichannel.platform.twilio.SelfTest;
import omnichannel.platform.twilio.TwilioSignature;
import omnichannel.platform.x.XCredentials;
import omnichannel.platform.x.XSignature;
import omnichannel.platform.x.XSigner;

/**
 * The calls an interaction's verification makes: the provider accepts the credentials, and our own gateway answers
 * an authenticated request at the interaction's callback URL. Each result is a {@link Step}; nothing here throws for
 * a failed check.
 */
@ApplicationScoped
public class ProviderChecks {

    private static final XSigner SIGNER = new XSigner();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One check and its outcome, in words an admin can act on. Never contains a secret. */
    public record Step(String name, boolean ok, String detail) {
    }

    private final WebClient http;
    private final OmnichannelConfig config;

    public ProviderChecks(Vertx vertx, OmnichannelConfig config) {
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout(5000).setUserAgent("omnichannel-config-service"));
        this.config = config;
    }

    /** Twilio: fetch the account with the interaction's Account SID and Auth Token. */
    public Uni<Step> twilioAccount(String accountSid, String authToken) {
        String url = base(config.twilioApiBaseUrl()) + "/2010-04-01/Accounts/" + accountSid + ".json";
        return http.getAbs(url).basicAuthentication(accountSid, authToken).timeout(TIMEOUT.toMillis()).send()
                .map(response -> {
                    if (response.statusCode() == 200) {
                        String status = json(response).getString("status", "unknown");
                        return new Step("credentials", "active".equals(status),
                                "Twilio account " + accountSid + " is " + status);
                    }
                    return new Step("credentials", false, "Twilio refused the Account SID and Auth Token (HTTP "
                            + response.statusCode() + ")");
                })
                .onFailure().recoverWithItem(e -> new Step("credentials", false, "Twilio unreachable: " + e.getMessage()));
    }

    /** X: {@code GET /2/users/me} signed with OAuth 1.0a user context; the user must be the interaction's account. */
    public Uni<Step> xAccount(XCredentials credentials, String expectedUserId) {
        String url = base(config.xApiBaseUrl()) + "/2/users/me";
        return http.getAbs(url).putHeader("Authorization", SIGNER.authorization("GET", url, Map.of(), credentials))
                .timeout(TIMEOUT.toMillis()).send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        return new Step("credentials", false, "X refused the keys and tokens (HTTP "
                                + response.statusCode() + ")");
                    }
                    JsonObject user = json(response).getJsonObject("data", new JsonObject());
                    boolean same = expectedUserId.equals(user.getString("id"));
                    return new Step("credentials", same, same
                            ? "X account @" + user.getString("username") + " ("
                                    + expectedUserId + ")"
                            : "the tokens belong to user " + user.getString("id") + ", not " + expectedUserId);
                })
                .onFailure().recoverWithItem(e -> new Step("credentials", false, "X unreachable: " + e.getMessage()));
    }

    /** WhatsApp callback: a form signed like Twilio's, which the gateway authenticates and answers without effect. */
    public Uni<Step> whatsappCallback(String callbackUrl, String authToken) {
        Map<String, String> form = new TreeMap<>(Map.of(SelfTest.PARAMETER, UUID.randomUUID().toString()));
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        return http.postAbs(callbackUrl)
                .putHeader("X-Twilio-Signature", TwilioSignature.compute(authToken, callbackUrl, single(form)))
                .timeout(TIMEOUT.toMillis()).sendForm(body)
                .map(response -> {
                    String answer = response.getHeader(SelfTest.HEADER);
                    if (response.statusCode() == 200 && SelfTest.AUTHENTICATED.equals(answer)) {
                        return new Step("callback", true, "the gateway authenticated a signed request at " + callbackUrl);
                    }
                    if (response.statusCode() == 200 && SelfTest.LOG_ONLY.equals(answer)) {
                        return new Step("callback", false, "the signature did not match at " + callbackUrl
                                + ": the request passed only because the interaction is in log-only mode");
                    }
                    return new Step("callback", false, callbackUrl + " answered HTTP " + response.statusCode()
                            + " to a correctly signed self-test");
                })
                .onFailure().recoverWithItem(e -> new Step("callback", false, callbackUrl + " unreachable: " + e.getMessage()));
    }

    /** X callback: the CRC challenge X itself sends; the answer must be the HMAC of the token with the secret key. */
    public Uni<Step> xCallback(String callbackUrl, String apiSecretKey) {
        String token = UUID.randomUUID().toString();
        String expected = XSignature.crc(apiSecretKey, token);
        return http.getAbs(callbackUrl).addQueryParam("crc_token", token).timeout(TIMEOUT.toMillis()).send()
                .map(response -> response.statusCode() == 200
                        && expected.equals(json(response).getString("response_token"))
                                ? new Step("callback", true, "the gateway answered X's CRC challenge at " + callbackUrl)
                                : new Step("callback", false, callbackUrl + " did not answer the CRC challenge correctly"
                                        + " (HTTP " + response.statusCode() + ")"))
                .onFailure().recoverWithItem(e -> new Step("callback", false, callbackUrl + " unreachable: " + e.getMessage()));
    }

    private static JsonObject json(HttpResponse<?> response) {
        try {
            return response.bodyAsJsonObject() == null ? new JsonObject() : response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    private static Map<String, java.util.List<String>> single(Map<String, String> form) {
        Map<String, java.util.List<String>> params = new TreeMap<>();
        form.forEach((name, value) -> params.put(name, java.util.List.of(value)));
        return params;
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
