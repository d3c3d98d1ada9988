package omnichannel.config.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.config.config.OmnichannelConfig;
import omnichannel.platform.net.OutboundUrls;
import omnichannel.platform.rest.ProblemException;
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

    /** One check and its outcome, in words an admin can act on. Never contains a secret. */
    public record Step(String name, boolean ok, String detail) {
    }

    private final WebClient http;
    private final OmnichannelConfig config;
    private final long timeoutMillis;

    private final OutboundUrls urls;

    public ProviderChecks(Vertx vertx, OmnichannelConfig config, OutboundUrls urls) {
        this.urls = urls;
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) config.httpClients().connectTimeout().toMillis())
                .setUserAgent("omnichannel-config-service"));
        this.config = config;
        this.timeoutMillis = config.httpClients().callTimeout().toMillis();
    }

    /** Twilio: fetch the account with the interaction's Account SID and Auth Token. */
    public Uni<Step> twilioAccount(String accountSid, String authToken) {
        String url = base(config.twilioApiBaseUrl()) + "/2010-04-01/Accounts/" + accountSid + ".json";
        return http.getAbs(url).basicAuthentication(accountSid, authToken).timeout(timeoutMillis).send()
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

    /**
     * A template of the account as Twilio's Content API lists it, with its WhatsApp approval.
     *
     * @param approval WhatsApp's approval status ({@code approved}, {@code pending}, {@code rejected}, …), or
     *        {@code unsubmitted} when it was never submitted
     * @param variables the template's variable names ({@code 1}, {@code 2}, …)
     */
    public record Template(String sid, String name, String language, String approval, List<String> variables) {

        public boolean approved() {
            return "approved".equalsIgnoreCase(approval);
        }
    }

    /** Twilio's Content API refused or could not be reached; the detail says which. */
    public static class ContentApiUnavailable extends ProblemException {

        ContentApiUnavailable(String detail) {
            super(502, "Bad Gateway", detail);
        }
    }

    /** Pages of Twilio's Content API read at most: 1,000 templates is more than any WhatsApp sender has. */
    private static final int MAX_PAGES = 10;

    /**
     * The account's templates with their WhatsApp approval ({@code GET /v1/ContentAndApprovals}, pages of 100, following
     * {@code meta.next_page_url} on Twilio's host only). Fails with {@link ContentApiUnavailable}.
     */
    public Uni<List<Template>> twilioTemplates(String accountSid, String authToken) {
        String first = base(config.twilioContentApiBaseUrl()) + "/v1/ContentAndApprovals?PageSize=100";
        return templatePage(first, accountSid, authToken, new ArrayList<>(), 1);
    }

    private Uni<List<Template>> templatePage(String url, String accountSid, String authToken, List<Template> found,
            int page) {
        return http.getAbs(url).basicAuthentication(accountSid, authToken).timeout(timeoutMillis).send()
                .onFailure().transform(e -> new ContentApiUnavailable("Twilio's Content API unreachable: " + e.getMessage()))
                .chain(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().failure(new ContentApiUnavailable(
                                "Twilio's Content API answered HTTP " + response.statusCode()));
                    }
                    JsonObject body = json(response);
                    JsonArray contents = body.getJsonArray("contents", new JsonArray());
                    for (int i = 0; i < contents.size(); i++) {
                        found.add(template(contents.getJsonObject(i)));
                    }
                    String next = body.getJsonObject("meta", new JsonObject()).getString("next_page_url");
                    // the next page on the same host only: a page must not send the account's credentials elsewhere
                    if (next == null || page >= MAX_PAGES || !sameHost(next, config.twilioContentApiBaseUrl())) {
                        return Uni.createFrom().item(found);
                    }
                    return templatePage(next, accountSid, authToken, found, page + 1);
                });
    }

    private static Template template(JsonObject content) {
        Object approvals = content.getValue("approval_requests");
        String approval = approvals instanceof JsonObject requests
                ? requests.getString("status", "unsubmitted")
                : "unsubmitted";
        JsonObject variables = content.getJsonObject("variables", new JsonObject());
        return new Template(content.getString("sid"), content.getString("friendly_name"), content.getString("language"),
                approval, List.copyOf(new TreeSet<>(variables.fieldNames())));
    }

    private static boolean sameHost(String url, String base) {
        try {
            return URI.create(url).getAuthority().equalsIgnoreCase(URI.create(base).getAuthority());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** X: {@code GET /2/users/me} signed with OAuth 1.0a user context; the user must be the interaction's account. */
    public Uni<Step> xAccount(XCredentials credentials, String expectedUserId) {
        String url = base(config.xApiBaseUrl()) + "/2/users/me";
        return http.getAbs(url).putHeader("Authorization", SIGNER.authorization("GET", url, Map.of(), credentials))
                .timeout(timeoutMillis).send()
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
                .timeout(timeoutMillis).sendForm(body)
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
    public Uni<Step> xCallback(String callbackUrl, String apiSecretKey, boolean adminSet) {
        String token = UUID.randomUUID().toString();
        String expected = XSignature.crc(apiSecretKey, token);
        // an admin-set override is resolved and checked now, and called on that address (never the gateway's own base)
        Uni<HttpRequest<Buffer>> request = adminSet
                ? urls.pinned(http, HttpMethod.GET, callbackUrl)
                : Uni.createFrom().item(http.getAbs(callbackUrl));
        return request.chain(call -> call.addQueryParam("crc_token", token).timeout(timeoutMillis).send())
                .map(response -> response.statusCode() == 200
                        && expected.equals(json(response).getString("response_token"))
                                ? new Step("callback", true, "the gateway answered X's CRC challenge at " + callbackUrl)
                                : new Step("callback", false, callbackUrl + " did not answer the CRC challenge correctly"
                                        + " (HTTP " + response.statusCode() + ")"))
                .onFailure(OutboundUrls.Refused.class).recoverWithItem(e -> new Step(
                        "callback", false, "the callback URL override may not be called: " + e.getMessage()))
                .onFailure().recoverWithItem(e -> new Step("callback", false, callbackUrl + " unreachable: " + e.getMessage()));
    }

    private static JsonObject json(HttpResponse<?> response) {
        try {
            return response.bodyAsJsonObject() == null ? new JsonObject() : response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    private static Map<String, List<String>> single(Map<String, String> form) {
        Map<String, List<String>> params = new TreeMap<>();
        form.forEach((name, value) -> params.put(name, List.of(value)));
        return params;
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
