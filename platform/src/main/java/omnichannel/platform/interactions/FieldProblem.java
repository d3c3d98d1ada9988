package omnichannel.platform.interactions;

/** A broken rule of an interaction setting, by field relative to the setting ({@code timeZone}, {@code contentSid}). */
public record FieldProblem(String field, String message) {
}
