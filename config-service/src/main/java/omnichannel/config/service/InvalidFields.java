package omnichannel.config.service;

import java.util.List;

/** A request breaks field rules: 400 naming each field. */
public class InvalidFields extends RuntimeException {

    /** One broken rule. */
    public record Violation(String field, String message) {
    }

    public final List<Violation> violations;

    public InvalidFields(List<Violation> violations) {
        super("invalid fields: " + violations.stream().map(Violation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public static InvalidFields of(String field, String message) {
        return new InvalidFields(List.of(new Violation(field, message)));
    }
}
