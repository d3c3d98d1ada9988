package omnichannel.config.service;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.net.OutboundUrls;

/** The field rules of an interaction, per channel. Every broken rule is reported, each with its field's name. */
final class InteractionValidator {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final Pattern USER_ID = Pattern.compile("[0-9]{1,20}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final BigDecimal MAX_RATE = new BigDecimal("400");

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final List<InvalidFields.Violation> violations = new ArrayList<>();

    /** X must reach the callback from the internet: no allow-list applies. */
    private static final OutboundUrls NO_EXCEPTIONS = new OutboundUrls(List.of());

    private InteractionValidator() {
    }

    /**
     * @param creating whether secrets are required (on update an omitted secret keeps its value)
     * @throws InvalidFields when any rule is broken
     */
    static void validate(InteractionInput input, boolean creating) {
        InteractionValidator validator = new InteractionValidator();
        validator.check(input, creating);
        if (!validator.violations.isEmpty()) {
            throw new InvalidFields(validator.violations);
        }
    }

    private void check(InteractionInput input, boolean creating) {
        if (input == null) {
            add("body", "is required");
            return;
        }
        withoutNul(JSON.valueToTree(input), "");
        if (creating && input.version() != null) {
            add("version", "is read-only");
        }
        if (input.channel() == null) {
            add("channel", "is required (WHATSAPP_TWILIO or TWITTER_DM)");
        }
        if (input.name() == null || input.name().isBlank()) {
            add("name", "is required");
        } else if (input.name().strip().length() > 120) {
            add("name", "must be at most 120 characters");
        }
        positive("defaultUnitId", input.defaultUnitId());
        positive("defaultGroupId", input.defaultGroupId());
        positive("defaultActivityId", input.defaultActivityId());
        positive("contactOriginId", input.contactOriginId());
        if (input.businessHours() != null) {
            input.businessHours().problems()
                    .forEach(problem -> add("businessHours." + problem.field(), problem.message()));
        }
        if (input.requesterPolicy() != null) {
            input.requesterPolicy().problems()
                    .forEach(problem -> add("requesterPolicy." + problem.field(), problem.message()));
        }
        if (input.mediaPolicy() != null) {
            input.mediaPolicy().problems()
                    .forEach(problem -> add("mediaPolicy." + problem.field(), problem.message()));
        }
        if (input.channel() == Channel.WHATSAPP_TWILIO) {
            if (input.twitter() != null) {
                add("twitter", "is not allowed for channel WHATSAPP_TWILIO");
            }
            whatsapp(input.whatsapp(), creating);
        } else if (input.channel() == Channel.TWITTER_DM) {
            if (input.whatsapp() != null) {
                add("whatsapp", "is not allowed for channel TWITTER_DM");
            }
            twitter(input.twitter(), creating);
        }
    }

    private void whatsapp(InteractionInput.WhatsApp whatsapp, boolean creating) {
        if (whatsapp == null) {
            add("whatsapp", "is required for channel WHATSAPP_TWILIO");
            return;
        }
        matches("whatsapp.number", whatsapp.number(), E164, "must be an E.164 number such as +5511912345678");
        matches("whatsapp.accountSid", whatsapp.accountSid(), ACCOUNT_SID, "must be 'AC' followed by 32 hexadecimal digits");
        secret("whatsapp.authToken", whatsapp.authToken(), creating);
        if (whatsapp.secondaryAuthToken() != null && !whatsapp.secondaryAuthToken().isEmpty()) {
            secret("whatsapp.secondaryAuthToken", whatsapp.secondaryAuthToken(), false);
        }
        if (whatsapp.templates() != null) {
            whatsapp.templates().forEach((purpose, template) -> {
                String field = "whatsapp.templates." + purpose;
                if (!PurposeTemplate.PURPOSES.contains(purpose)) {
                    add(field, "is not a purpose with a template; one of " + PurposeTemplate.PURPOSES);
                } else if (template == null) {
                    add(field, "must have a contentSid");
                } else {
                    template.problems().forEach(problem -> add(field + "." + problem.field(), problem.message()));
                }
            });
        }
        if (whatsapp.templateContentSid() != null) {
            matches("whatsapp.templateContentSid", whatsapp.templateContentSid(), CONTENT_SID,
                    "must be 'HX' followed by 32 hexadecimal digits");
        }
        BigDecimal rate = whatsapp.messagesPerSecond();
        if (rate != null && (rate.signum() <= 0 || rate.compareTo(MAX_RATE) > 0 || rate.scale() > 2)) {
            add("whatsapp.messagesPerSecond", "must be greater than 0 and at most 400, with at most 2 decimals");
        }
        Integer hours = whatsapp.signatureLogOnlyHours();
        if (hours != null && (hours < 1 || hours > 168)) {
            add("whatsapp.signatureLogOnlyHours", "must be between 1 and 168 (log-only mode lasts at most 7 days)");
        }
    }

    private void twitter(InteractionInput.Twitter twitter, boolean creating) {
        if (twitter == null) {
            add("twitter", "is required for channel TWITTER_DM");
            return;
        }
        if (twitter.apiKey() == null || twitter.apiKey().isBlank() || twitter.apiKey().length() > 128) {
            add("twitter.apiKey", "is required (at most 128 characters)");
        }
        secret("twitter.apiSecretKey", twitter.apiSecretKey(), creating);
        // the Activity API mode (the default) sends with the OAuth 2.0 grant; the other modes with OAuth 1.0a tokens
        boolean activityApi = twitter.deliveryMode() == null || twitter.deliveryMode() == DeliveryMode.ACTIVITY_API;
        secret("twitter.accessToken", twitter.accessToken(), creating && !activityApi);
        secret("twitter.accessTokenSecret", twitter.accessTokenSecret(), creating && !activityApi);
        if (twitter.clientId() != null && twitter.clientId().length() > 128) {
            add("twitter.clientId", "must be at most 128 characters");
        } else if (activityApi && (twitter.clientId() == null || twitter.clientId().isBlank())) {
            add("twitter.clientId", "is required in the ACTIVITY_API mode: the X app's OAuth 2.0 Client ID "
                    + "(at most 128 characters)");
        }
        secret("twitter.clientSecret", twitter.clientSecret(), false);
        matches("twitter.userId", twitter.userId(), USER_ID, "must be the account's numeric user id");
        if (twitter.environment() != null) {
            matches("twitter.environment", twitter.environment(), ENVIRONMENT,
                    "must be 1 to 64 letters, digits, '_' or '-'");
        }
        if (twitter.callbackUrl() != null && twitter.callbackUrl().length() > 512) {
            add("twitter.callbackUrl", "must be at most 512 characters");
        } else if (twitter.callbackUrl() != null && !isPublicHttpsWithoutPort(twitter.callbackUrl())) {
            add("twitter.callbackUrl", "must be an https URL without a port (X's rule)");
        } else if (twitter.callbackUrl() != null && NO_EXCEPTIONS.problem(twitter.callbackUrl()) != null) {
            // verification calls it: never towards an inside address (X could not reach one anyway)
            add("twitter.callbackUrl", NO_EXCEPTIONS.problem(twitter.callbackUrl()));
        }
    }

    private void positive(String field, Long value) {
        if (value == null) {
            add(field, "is required");
        } else if (value <= 0) {
            add(field, "must be a positive 4biz id");
        }
    }

    private void matches(String field, String value, Pattern pattern, String message) {
        if (value == null || !pattern.matcher(value).matches()) {
            add(field, message);
        }
    }

    private void secret(String field, String value, boolean creating) {
        if (value == null) {
            if (creating) {
                add(field, "is required");
            }
        } else if (value.isBlank() || value.length() > 256) {
            add(field, "must be 1 to 256 characters");
        }
    }

    private static boolean isPublicHttpsWithoutPort(String url) {
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getPort() == -1;
        } catch (Exception e) {
            return false;
        }
    }

    /** PostgreSQL cannot store U+0000 in text: a field holding it is refused here instead of failing the insert. */
    private void withoutNul(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            add(path, "must not contain the NUL character");
        } else if (node.isObject()) {
            node.fields().forEachRemaining(
                    field -> withoutNul(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                withoutNul(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private void add(String field, String message) {
        violations.add(new InvalidFields.Violation(field, message));
    }
}
