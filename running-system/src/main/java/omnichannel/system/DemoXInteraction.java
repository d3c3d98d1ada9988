package omnichannel.system;

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

    /** Creates it (WEBHOOK or POLLING) through the admin API; the SmartChat parameters must be set already. */
    public static DemoXInteraction create(String configServiceUrl, String adminToken, String deliveryMode) {
        String body = """
                {"channel":"TWITTER_DM","name":"Suporte no X (demo local, %s)","defaultUnitId":%d,"defaultGroupId":%d,
                 "defaultActivityId":%d,"contactOriginId":%d,
                 "twitter":{"apiKey":"%s","apiSecretKey":"%s","accessToken":"%s","accessTokenSecret":"%s",
                            "userId":"%s","deliveryMode":"%s"}}
                """.formatted(deliveryMode, DemoInteraction.UNIT, DemoInteraction.GROUP, DemoInteraction.ACTIVITY,
                DemoInteraction.ORIGIN, API_KEY, API_SECRET, ACCESS_TOKEN, ACCESS_TOKEN_SECRET, USER_ID, deliveryMode);
        HttpJson.Reply reply = HttpJson.postJson(configServiceUrl + "/api/v1/interactions", body,
                Map.of("Authorization", "Bearer " + adminToken));
        if (reply.status() != 201) {
            throw new IllegalStateException("creating the X demo interaction failed: " + reply.status() + " " + reply.body());
        }
        return new DemoXInteraction(reply.json().path("id").asText(), reply.json().path("callbackUrl").asText());
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
