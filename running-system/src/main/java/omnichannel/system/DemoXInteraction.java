package omnichannel.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An X (Twitter) DM interaction with the LOCAL-ONLY credentials the X simulator knows (simulators' application
 * properties hold the same values), and what a person on X does to it. Shared by the local run's demo and the system
 * tests.
 */
public record DemoXInteraction(String id, String callbackUrl) {

    public static final String API_KEY = "local-x-api-key";
    public static final String API_SECRET = "local-x-api-secret-not-a-secret";
    public static final String ACCESS_TOKEN = "3001-local-x-access-token";
    public static final String ACCESS_TOKEN_SECRET = "local-x-access-token-secret-not-a-secret";
    public static final String USER_ID = "3001";

    /** The X app's OAuth 2.0 client, as the simulator knows it. */
    public static final String CLIENT_ID = "local-x-client-id";
    public static final String CLIENT_SECRET = "local-x-client-secret-not-a-secret";

    /**
     * Creates it (ACTIVITY_API, ACCOUNT_ACTIVITY or POLLING) through the admin API; the SmartChat parameters must be set
     * already. An ACTIVITY_API one receives nothing until its account is {@link #connect connected}.
     */
    public static DemoXInteraction create(String configServiceUrl, String adminToken, String deliveryMode) {
        String body = body(deliveryMode);
        HttpJson.Reply reply = HttpJson.postJson(configServiceUrl + "/api/v1/interactions", body,
                Map.of("Authorization", "Bearer " + adminToken));
        if (reply.status() != 201) {
            throw new IllegalStateException("creating the X demo interaction failed: " + reply.status() + " " + reply.body());
        }
        return new DemoXInteraction(reply.json().path("id").asText(), reply.json().path("callbackUrl").asText());
    }

    private static String body(String deliveryMode) {
        return """
                {"channel":"TWITTER_DM","name":"Suporte no X (demo local, %s)","defaultUnitId":%d,"defaultGroupId":%d,
                 "defaultActivityId":%d,"contactOriginId":%d,
                 "twitter":{"apiKey":"%s","apiSecretKey":"%s","accessToken":"%s","accessTokenSecret":"%s",
                            "userId":"%s","deliveryMode":"%s","clientId":"%s","clientSecret":"%s"}}
                """.formatted(deliveryMode, DemoInteraction.UNIT, DemoInteraction.GROUP, DemoInteraction.ACTIVITY,
                DemoInteraction.ORIGIN, API_KEY, API_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, USER_ID, deliveryMode,
                CLIENT_ID, CLIENT_SECRET);
    }

    /**
     * Connects the account with OAuth 2.0 through the admin API, doing what the admin's browser does: opens the
     * authorization URL at the simulated X, approves, and hands the state and code X sent back to the completion.
     */
    public static void connect(String configServiceUrl, String adminToken, String interactionId) {
        Map<String, String> admin = Map.of("Authorization", "Bearer " + adminToken);
        HttpJson.Reply started = HttpJson.postJson(configServiceUrl + "/api/v1/interactions/" + interactionId
                + "/x-connection", "", admin);
        if (started.status() != 200) {
            throw new IllegalStateException("starting the X connection failed: " + started.status() + " "
                    + started.body());
        }
        URI authorize = URI.create(started.json().path("authorizationUrl").asText());
        Map<String, String> query = HttpJson.query(authorize.getRawQuery());
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String name : List.of("redirect_uri", "scope", "state", "code_challenge",
                "code_challenge_method")) {
            form.put(name, List.of(query.get(name)));
        }
        String approve = authorize.resolve("/i/oauth2/authorize/approve").toString();
        String location = HttpJson.postForm(approve, form, Map.of()).location();
        Map<String, String> back = HttpJson.query(URI.create(location).getRawQuery());
        HttpJson.Reply completed = HttpJson.postJson(configServiceUrl + "/api/v1/interactions/" + interactionId
                + "/x-connection/completion",
                "{\"state\":\"%s\",\"code\":\"%s\"}".formatted(back.get("state"),
                        back.get("code")),
                admin);
        if (completed.status() != 204) {
            throw new IllegalStateException("completing the X connection failed: " + completed.status() + " "
                    + completed.body());
        }
    }

    /** A person on X writes a DM to the account; the simulator delivers it like X (webhook, and GET /2/dm_events). */
    public static HttpJson.Reply personWrites(String simulatorsUrl, String from, String name, String username,
            String text) {
        String body = """
                {"from":"%s","name":"%s","username":"%s","text":"%s"}
                """.formatted(from, name, username, text.replace("\\", "\\\\").replace("\"", "\\\""));
        return HttpJson.postJson(simulatorsUrl + "/simulators/x/dms", body, Map.of());
    }
}
