package omnichannel.platform.interactions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import omnichannel.events.OutboundMessage.Purpose;

/**
 * The approved WhatsApp template an interaction sends for one purpose when the 24-hour window is closed, and how its
 * variables are filled from the message.
 *
 * @param contentSid Twilio's Content SID ({@code HX…})
 * @param variables the template's variable ({@code "1"}, {@code "2"}, …) → one of {@link #FIELDS}
 * @param excerptLength how many characters of the message's text {@code answerExcerpt} carries (default 100)
 */
public record PurposeTemplate(String contentSid, Map<String, String> variables, Integer excerptLength) {

    /** What a variable can carry: the ticket's number and status, the person's name, the start of the text. */
    public static final List<String> FIELDS = List.of("ticketNumber", "ticketStatus", "personName", "answerExcerpt");

    /** The purposes an interaction may have a template for (the others are only ever sent inside the window). */
    public static final List<String> PURPOSES = Stream.of(Purpose.TICKET_ACKNOWLEDGEMENT,
            Purpose.ATTENDANT_ANSWER, Purpose.TICKET_NOTICE, Purpose.CSAT_QUESTION, Purpose.AGENT_CONTACT)
            .map(Purpose::name).toList();

    public static final int DEFAULT_EXCERPT = 100;
    private static final int MAX_EXCERPT = 1000;
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_]{1,32}");

    public PurposeTemplate {
        // one order, so that equal templates are stored as equal text
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(variables));
    }

    /** Every broken rule, by field relative to the template ({@code contentSid}, {@code variables}). */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (contentSid == null || !CONTENT_SID.matcher(contentSid).matches()) {
            problems.add(new FieldProblem("contentSid", "must be a Content SID: HX and 32 hexadecimal digits"));
        }
        if (variables.size() > 20) {
            problems.add(new FieldProblem("variables", "has more than 20 variables"));
        }
        variables.forEach((name, field) -> {
            if (!VARIABLE.matcher(name).matches() || !FIELDS.contains(field)) {
                problems.add(new FieldProblem("variables", "'" + name + "=" + field + "' must map a variable "
                        + "name to one of " + FIELDS));
            }
        });
        if (excerptLength != null && (excerptLength < 1 || excerptLength > MAX_EXCERPT)) {
            problems.add(new FieldProblem("excerptLength", "must be 1 to " + MAX_EXCERPT));
        }
        return problems;
    }

    /** The template's variables filled from the message's fields ({@code ticketNumber}, …); a missing one is empty. */
    public Map<String, String> fill(Map<String, String> fields) {
        Map<String, String> values = new TreeMap<>();
        int excerpt = excerptLength == null ? DEFAULT_EXCERPT : excerptLength;
        variables.forEach((name, field) -> {
            String value = fields.getOrDefault(field, "");
            if (field.equals("answerExcerpt") && value.length() > excerpt) {
                value = value.substring(0, excerpt - 1) + "…";
            }
            values.put(name, value);
        });
        return values;
    }
}
