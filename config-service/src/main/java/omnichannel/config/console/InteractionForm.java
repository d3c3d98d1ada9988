package omnichannel.config.console;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import jakarta.ws.rs.core.MultivaluedMap;

import io.quarkus.qute.TemplateData;

import omnichannel.config.Interaction;
import omnichannel.config.rest.InteractionView;
import omnichannel.config.service.InteractionInput;
import omnichannel.config.service.InvalidFields;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.BusinessHours;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.MediaPolicy;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.interactions.RequesterPolicy;
import omnichannel.platform.interactions.SignatureMode;

/**
 * The interaction form of the console both ways: what the browser posted turned into the same
 * {@link InteractionInput} the REST API takes (so the same service validates it: nothing is checked only in the
 * browser), and what a page shows (values, masks of secrets, each field's errors from the API's problem). Fields are
 * named as in the API's JSON ({@code whatsapp.number}), so a violation lands next to its field. Secrets are never
 * put back in a page: an empty secret field keeps the stored value, as an omitted secret does in the API.
 */
@TemplateData
public final class InteractionForm {

    /** Secret fields: write-only. */
    static final List<String> SECRETS = List.of("whatsapp.authToken", "whatsapp.secondaryAuthToken",
            "twitter.apiSecretKey", "twitter.accessToken", "twitter.accessTokenSecret");

    public final boolean creating;
    public final String id;
    public final Channel channel;
    public final long version;
    public final String callbackUrl;
    public final String twilioWebhookUrl;
    private final Map<String, String> values;
    private final Map<String, String> masks;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();
    /** A problem of the whole form (a conflict, parameters not ready), already in words. */
    public final List<String> problems = new ArrayList<>();

    private InteractionForm(boolean creating, String id, Channel channel, long version, String callbackUrl,
            String twilioWebhookUrl, Map<String, String> values, Map<String, String> masks) {
        this.creating = creating;
        this.id = id;
        this.channel = channel;
        this.version = version;
        this.callbackUrl = callbackUrl;
        this.twilioWebhookUrl = twilioWebhookUrl;
        this.values = values;
        this.masks = masks;
    }

    /** An empty form for a new interaction of {@code channel}, with the API's defaults shown. */
    static InteractionForm empty(Channel channel) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("helperInterception", "false");
        values.put("active", "false");
        values.put("whatsapp.signatureMode", SignatureMode.ENFORCE.name());
        values.put("twitter.deliveryMode", DeliveryMode.ACTIVITY_API.name());
        return new InteractionForm(true, null, channel, 0, null, null, values, Map.of());
    }

    /** A stored interaction, secrets as masks only. */
    static InteractionForm of(Interaction interaction, InteractionView view) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", interaction.name);
        values.put("defaultUnitId", Long.toString(interaction.defaultUnitId));
        values.put("defaultGroupId", Long.toString(interaction.defaultGroupId));
        values.put("defaultActivityId", Long.toString(interaction.defaultActivityId));
        values.put("contactOriginId", Long.toString(interaction.contactOriginId));
        values.put("helperInterception", Boolean.toString(interaction.helperInterception));
        values.put("active", Boolean.toString(interaction.active));
        BusinessHours hours = view.businessHours();
        if (hours != null) {
            values.put(TIME_ZONE, hours.timeZone());
            hours.weekText().forEach((day, intervals) -> values.put(WEEKLY + day, intervals));
            values.put(HOLIDAYS, String.join(", ", hours.holidays()));
            values.put(OUT_OF_HOURS_TEXT, hours.outOfHoursText());
        }
        RequesterPolicy people = view.requesterPolicy();
        if (people != null) {
            values.put(WHEN_UNKNOWN, people.whenUnknown() == null ? null : people.whenUnknown().name());
            values.put(GENERIC_REQUESTER, people.genericRequesterLogin());
        }
        MediaPolicy media = view.mediaPolicy();
        if (media != null) {
            values.put(MEDIA_MAX_BYTES, media.maxBytes() == null ? null : media.maxBytes().toString());
            values.put(MEDIA_TYPES, String.join(", ", media.contentTypes()));
        }
        Map<String, String> masks = new LinkedHashMap<>();
        String twilioWebhookUrl = null;
        if (view.whatsapp() != null) {
            values.put("whatsapp.number", interaction.whatsappNumber);
            values.put("whatsapp.accountSid", interaction.twilioAccountSid);
            values.put("whatsapp.templateContentSid", interaction.templateContentSid);
            if (view.whatsapp().templates() != null) {
                view.whatsapp().templates().forEach((purpose, template) -> {
                    values.put(TEMPLATES + purpose + ".contentSid", template.contentSid());
                    values.put(TEMPLATES + purpose + ".variables", String.join(", ", template.variables().entrySet()
                            .stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
                    values.put(TEMPLATES + purpose + ".excerptLength",
                            template.excerptLength() == null ? null : template.excerptLength().toString());
                });
            }
            values.put("whatsapp.messagesPerSecond", interaction.messagesPerSecond == null
                    ? null
                    : interaction.messagesPerSecond.toPlainString());
            values.put("whatsapp.signatureMode", (interaction.signatureMode == null
                    ? SignatureMode.ENFORCE
                    : interaction.signatureMode).name());
            masks.put("whatsapp.authToken", view.whatsapp().authToken());
            masks.put("whatsapp.secondaryAuthToken", view.whatsapp().secondaryAuthToken());
            twilioWebhookUrl = view.whatsapp().twilioWebhookUrl();
        }
        if (view.twitter() != null) {
            values.put("twitter.apiKey", interaction.twitterApiKey);
            values.put("twitter.userId", interaction.twitterUserId);
            values.put("twitter.environment", interaction.twitterEnvironment);
            values.put("twitter.deliveryMode", (interaction.twitterDeliveryMode == null
                    ? DeliveryMode.ACCOUNT_ACTIVITY
                    : interaction.twitterDeliveryMode).name());
            values.put("twitter.callbackUrl", interaction.twitterCallbackUrl);
            values.put("twitter.clientId", interaction.twitterClientId);
            masks.put("twitter.clientSecret", view.twitter().clientSecret());
            masks.put("twitter.apiSecretKey", view.twitter().apiSecretKey());
            masks.put("twitter.accessToken", view.twitter().accessToken());
            masks.put("twitter.accessTokenSecret", view.twitter().accessTokenSecret());
        }
        return new InteractionForm(false, interaction.id, interaction.channel, interaction.version, view.callbackUrl(),
                twilioWebhookUrl, values, masks);
    }

    /** What was posted, shown again after a refusal: every value but the secrets. */
    InteractionForm withPosted(MultivaluedMap<String, String> posted) {
        Map<String, String> shown = new LinkedHashMap<>(values);
        posted.forEach((field, list) -> {
            if (!SECRETS.contains(field) && !field.equals("csrf") && !list.isEmpty()) {
                shown.put(field, list.get(0));
            }
        });
        shown.put("helperInterception", Boolean.toString(posted.containsKey("helperInterception")));
        shown.put("active", Boolean.toString(posted.containsKey("active")));
        return new InteractionForm(creating, id, channel, version, callbackUrl, twilioWebhookUrl, shown, masks);
    }

    /** The API's violations, each next to its field (a field the form does not show goes to the whole form). */
    InteractionForm withViolations(List<InvalidFields.Violation> violations) {
        for (InvalidFields.Violation violation : violations) {
            errors.computeIfAbsent(violation.field(), field -> new ArrayList<>()).add(violation.message());
        }
        return this;
    }

    InteractionForm withProblem(String problem) {
        problems.add(problem);
        return this;
    }

    /**
     * The posted form as the API's input: numbers that are not numbers are violations of their field, like the API's
     * own rules, and all are reported together with the service's.
     */
    static InteractionInput input(Channel channel, MultivaluedMap<String, String> form, Long version,
            List<InvalidFields.Violation> parseErrors) {
        InteractionInput.WhatsApp whatsapp = channel == Channel.WHATSAPP_TWILIO
                ? new InteractionInput.WhatsApp(text(form, "whatsapp.number"), text(form, "whatsapp.accountSid"),
                        secret(form, "whatsapp.authToken"), secret(form, "whatsapp.secondaryAuthToken"),
                        text(form, "whatsapp.templateContentSid"), templates(form, parseErrors),
                        decimal(form, "whatsapp.messagesPerSecond", parseErrors),
                        choice(form, "whatsapp.signatureMode", SignatureMode.class, parseErrors),
                        integer(form, "whatsapp.signatureLogOnlyHours", parseErrors))
                : null;
        InteractionInput.Twitter twitter = channel == Channel.TWITTER_DM
                ? new InteractionInput.Twitter(text(form, "twitter.apiKey"), secret(form, "twitter.apiSecretKey"),
                        secret(form, "twitter.accessToken"), secret(form, "twitter.accessTokenSecret"),
                        text(form, "twitter.userId"), text(form, "twitter.environment"),
                        choice(form, "twitter.deliveryMode", DeliveryMode.class, parseErrors),
                        text(form, "twitter.callbackUrl"), text(form, "twitter.clientId"),
                        secret(form, "twitter.clientSecret"))
                : null;
        return new InteractionInput(channel, text(form, "name"), number(form, "defaultUnitId", parseErrors),
                number(form, "defaultGroupId", parseErrors), number(form, "defaultActivityId", parseErrors),
                number(form, "contactOriginId", parseErrors), form.containsKey("helperInterception"),
                form.containsKey("active"), whatsapp, twitter, businessHours(form), mediaPolicy(form, parseErrors),
                requesterPolicy(form, parseErrors), version);
    }

    /**
     * The template fields per purpose as the API's: a purpose whose fields are all empty has none. Variables are
     * written {@code 1=ticketNumber, 2=answerExcerpt}.
     */
    private static Map<String, PurposeTemplate> templates(MultivaluedMap<String, String> form,
            List<InvalidFields.Violation> parseErrors) {
        Map<String, PurposeTemplate> templates = new TreeMap<>();
        for (String purpose : PurposeTemplate.PURPOSES) {
            String prefix = TEMPLATES + purpose;
            String sid = text(form, prefix + ".contentSid");
            List<String> pairs = list(form, prefix + ".variables");
            Integer excerpt = integer(form, prefix + ".excerptLength", parseErrors);
            if (sid == null && pairs.isEmpty() && excerpt == null) {
                continue;
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    parseErrors.add(new InvalidFields.Violation(prefix + ".variables",
                            "'" + pair + "' is not variable=field"));
                } else {
                    variables.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
            }
            templates.put(purpose, new PurposeTemplate(sid, variables, excerpt));
        }
        return templates.isEmpty() ? null : templates;
    }

    /** The business hours fields as the API's; all empty means none (attended at any time). */
    private static BusinessHours businessHours(MultivaluedMap<String, String> form) {
        Map<DayOfWeek, List<String>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<String> intervals = list(form, WEEKLY + day);
            if (!intervals.isEmpty()) {
                weekly.put(day, intervals);
            }
        }
        String zone = text(form, TIME_ZONE);
        List<String> holidays = list(form, HOLIDAYS);
        String text = text(form, OUT_OF_HOURS_TEXT);
        if (zone == null && weekly.isEmpty() && holidays.isEmpty() && text == null) {
            return null;
        }
        return new BusinessHours(zone, weekly, holidays, text);
    }

    /** The requester policy fields as the API's; CREATE without a login is no policy (the default). */
    private static RequesterPolicy requesterPolicy(MultivaluedMap<String, String> form,
            List<InvalidFields.Violation> parseErrors) {
        RequesterPolicy.WhenUnknown when = choice(form, WHEN_UNKNOWN, RequesterPolicy.WhenUnknown.class, parseErrors);
        String login = text(form, GENERIC_REQUESTER);
        return (when == null || when == RequesterPolicy.WhenUnknown.CREATE) && login == null
                ? null
                : new RequesterPolicy(when, login);
    }

    /** The media policy fields as the API's; both empty means none (the bridge's defaults). */
    private static MediaPolicy mediaPolicy(MultivaluedMap<String, String> form,
            List<InvalidFields.Violation> parseErrors) {
        List<String> types = list(form, MEDIA_TYPES);
        if (text(form, MEDIA_MAX_BYTES) == null && types.isEmpty()) {
            return null;
        }
        return new MediaPolicy(number(form, MEDIA_MAX_BYTES, parseErrors), types);
    }

    /** A comma-separated field's items. */
    private static List<String> list(MultivaluedMap<String, String> form, String field) {
        String value = text(form, field);
        return value == null
                ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    public String value(String field) {
        String value = values.get(field);
        return value == null ? "" : value;
    }

    /** The form field of one part of a purpose's template: {@code whatsapp.templates.ATTENDANT_ANSWER.contentSid}. */
    public String templateField(String purpose, String part) {
        return TEMPLATES + purpose + "." + part;
    }

    public boolean checked(String field) {
        return "true".equals(values.get(field));
    }

    /** The mask of a stored secret ({@code ****} and its last four), or empty when none is stored. */
    public String mask(String field) {
        String mask = masks.get(field);
        return mask == null ? "" : mask;
    }

    public List<String> errors(String field) {
        return errors.getOrDefault(field, List.of());
    }

    /** Violations of fields the form does not show (e.g. the whole body), for the top of the form. */
    public List<String> otherErrors() {
        List<String> other = new ArrayList<>(problems);
        errors.forEach((field, messages) -> {
            if (!FIELDS.contains(field)) {
                messages.forEach(message -> other.add(field + ": " + message));
            }
        });
        return other;
    }

    public boolean whatsapp() {
        return channel == Channel.WHATSAPP_TWILIO;
    }

    private static final String TEMPLATES = "whatsapp.templates.";
    private static final String TIME_ZONE = "businessHours.timeZone";
    private static final String WEEKLY = "businessHours.weekly.";
    private static final String HOLIDAYS = "businessHours.holidays";
    private static final String OUT_OF_HOURS_TEXT = "businessHours.outOfHoursText";
    private static final String MEDIA_MAX_BYTES = "mediaPolicy.maxBytes";
    private static final String WHEN_UNKNOWN = "requesterPolicy.whenUnknown";
    private static final String GENERIC_REQUESTER = "requesterPolicy.genericRequesterLogin";
    private static final String MEDIA_TYPES = "mediaPolicy.contentTypes";

    /** Every field the form shows, for {@link #otherErrors()}. */
    private static final List<String> FIELDS = Stream
            .concat(Stream.of("name", "defaultUnitId", "defaultGroupId", "defaultActivityId",
                    "contactOriginId", "helperInterception", "active", "whatsapp.number", "whatsapp.accountSid",
                    "whatsapp.authToken", "whatsapp.secondaryAuthToken", "whatsapp.templateContentSid",
                    "whatsapp.messagesPerSecond", "whatsapp.signatureMode", "whatsapp.signatureLogOnlyHours",
                    "twitter.apiKey", "twitter.apiSecretKey", "twitter.accessToken", "twitter.accessTokenSecret",
                    "twitter.userId", "twitter.environment", "twitter.deliveryMode", "twitter.callbackUrl", TIME_ZONE, HOLIDAYS,
                    OUT_OF_HOURS_TEXT, MEDIA_MAX_BYTES, MEDIA_TYPES, WHEN_UNKNOWN, GENERIC_REQUESTER),
                    Stream.concat(Arrays.stream(DayOfWeek.values())
                            .map(day -> WEEKLY + day),
                            PurposeTemplate.PURPOSES.stream()
                                    .flatMap(
                                            purpose -> Stream.of(".contentSid", ".variables", ".excerptLength")
                                                    .map(part -> TEMPLATES + purpose + part))))
            .toList();

    private static String text(MultivaluedMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** An empty secret field means "keep the stored one" (null), as an omitted secret in the API. */
    private static String secret(MultivaluedMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null || value.isEmpty() ? null : value;
    }

    private static Long number(MultivaluedMap<String, String> form, String field,
            List<InvalidFields.Violation> errors) {
        String value = text(form, field);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            errors.add(new InvalidFields.Violation(field, "must be a whole number"));
            return null;
        }
    }

    private static Integer integer(MultivaluedMap<String, String> form, String field,
            List<InvalidFields.Violation> errors) {
        Long value = number(form, field, errors);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            errors.add(new InvalidFields.Violation(field, "is out of range"));
            return null;
        }
        return value == null ? null : value.intValue();
    }

    private static BigDecimal decimal(MultivaluedMap<String, String> form, String field,
            List<InvalidFields.Violation> errors) {
        String value = text(form, field);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(',', '.'));
        } catch (NumberFormatException e) {
            errors.add(new InvalidFields.Violation(field, "must be a number"));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(MultivaluedMap<String, String> form, String field, Class<E> type,
            List<InvalidFields.Violation> errors) {
        String value = text(form, field);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidFields.Violation(field, "is not one of the choices"));
            return null;
        }
    }
}
