package omnichannel.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import omnichannel.simulators.twilio.TwilioWebhookSigner;

/**
 * A WhatsApp interaction with local-only credentials (the Twilio simulator accepts any token), and the signed
 * webhooks a person on it would cause. Shared by the local run's demo and the system tests.
 */
public record DemoInteraction(String id, String callbackUrl, String authToken) {

    /** Local-only, clearly fake credentials: they authenticate against the simulators and nothing else. */
    public static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    public static final String AUTH_TOKEN = "local-demo-auth-token-not-a-secret";
    public static final String NUMBER = "+5511999990000";
    public static final long UNIT = 12;
    public static final long GROUP = 3;
    public static final long ACTIVITY = 170;
    public static final long ORIGIN = 7;

    /** Sets the SmartChat parameters an active interaction needs, then creates it, through the admin API. */
    public static DemoInteraction create(String configServiceUrl, String adminToken) {
        return create(configServiceUrl, adminToken, NUMBER);
    }

    /** The same with another WhatsApp sender number (each sender has its own rate limit). */
    public static DemoInteraction create(String configServiceUrl, String adminToken, String number) {
        return create(configServiceUrl, adminToken, number, null);
    }

    /** The Helper bot's fallback message, as the simulated bot sends it (parameter 453 must match). */
    public static final String HELPER_FALLBACK = "Desculpe, não entendi. Digite menu para ver as opções.";

    /**
     * An interaction with Helper interception on, the bot played by the simulators at {@code simulatorsUrl}; the
     * Helper parameters are set first.
     */
    public static DemoInteraction createWithHelper(String configServiceUrl, String adminToken, String number,
            String simulatorsUrl) {
        return create(configServiceUrl, adminToken, number, simulatorsUrl);
    }

    private static DemoInteraction create(String configServiceUrl, String adminToken, String number,
            String helperSimulator) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + adminToken);
        Map<Integer, String> parameters = new TreeMap<>();
        for (int parameter : new int[]{118, 315, 317, 390, 447}) {
            parameters.put(parameter, "1");
        }
        if (helperSimulator != null) {
            parameters.put(402, helperSimulator + "/helper");
            parameters.put(423, "S");
            parameters.put(441, helperSimulator + "/helper/webhooks/rest/webhook");
            parameters.put(442, helperSimulator + "/helper/parameters");
            parameters.put(450, "S");
            parameters.put(453, HELPER_FALLBACK);
        }
        parameters.forEach((parameter, value) -> {
            HttpJson.Reply set = HttpJson.putJson(configServiceUrl + "/api/v1/parameters/" + parameter,
                    "{\"value\":\"" + value + "\"}", headers);
            if (set.status() != 200) {
                throw new IllegalStateException("setting parameter " + parameter + " failed: " + set.status());
            }
        });
        String body = """
                {"channel":"WHATSAPP_TWILIO","name":"Suporte (demo local)","defaultUnitId":%d,"defaultGroupId":%d,
                 "defaultActivityId":%d,"contactOriginId":%d,"helperInterception":%s,
                 "whatsapp":{"number":"%s","accountSid":"%s","authToken":"%s"}}
                """.formatted(UNIT, GROUP, ACTIVITY, ORIGIN, helperSimulator != null, number, ACCOUNT_SID, AUTH_TOKEN);
        HttpJson.Reply reply = HttpJson.postJson(configServiceUrl + "/api/v1/interactions", body, headers);
        if (reply.status() != 201) {
            throw new IllegalStateException("creating the demo interaction failed: " + reply.status() + " " + reply.body());
        }
        return new DemoInteraction(reply.json().path("id").asText(), reply.json().path("callbackUrl").asText(), AUTH_TOKEN);
    }

    /** The form Twilio posts when {@code from} writes {@code text} to the interaction's number. */
    public static Map<String, List<String>> webhook(String messageSid, String from, String profileName, String text) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("SmsMessageSid", List.of(messageSid));
        params.put("NumMedia", List.of("0"));
        params.put("ProfileName", List.of(profileName));
        params.put("MessageType", List.of("text"));
        params.put("SmsSid", List.of(messageSid));
        params.put("WaId", List.of(from.substring(1)));
        params.put("SmsStatus", List.of("received"));
        params.put("Body", List.of(text));
        params.put("To", List.of("whatsapp:" + NUMBER));
        params.put("NumSegments", List.of("1"));
        params.put("MessageSid", List.of(messageSid));
        params.put("AccountSid", List.of(ACCOUNT_SID));
        params.put("From", List.of("whatsapp:" + from));
        params.put("ApiVersion", List.of("2010-04-01"));
        return params;
    }

    /** The form Twilio posts when {@code from} sends a file (and maybe a caption): {@code MediaUrl0} and its type. */
    public static Map<String, List<String>> webhookWithMedia(String messageSid, String from, String profileName,
            String caption, String mediaUrl, String contentType) {
        Map<String, List<String>> params = webhook(messageSid, from, profileName, caption);
        params.put("NumMedia", List.of("1"));
        params.put("MediaUrl0", List.of(mediaUrl));
        params.put("MediaContentType0", List.of(contentType));
        params.put("MessageType", List.of(contentType.startsWith("image/") ? "image" : "document"));
        return params;
    }

    public static String newMessageSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Posts the webhook to the callback URL, signed with the interaction's token as Twilio would. */
    public HttpJson.Reply post(Map<String, List<String>> params) {
        return HttpJson.postForm(callbackUrl, params,
                Map.of("X-Twilio-Signature", TwilioWebhookSigner.sign(authToken, callbackUrl, params)));
    }
}
