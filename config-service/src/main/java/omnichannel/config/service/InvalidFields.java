package omnichannel.config.service;

import java.util.List;

import omnichannel.platform.rest.Problem;
import omnichannel.platform.rest.ProblemException;

/** A request breaks field rules: 400 naming each field. */
public class InvalidFields extends ProblemException {

    /** One broken rule. */
    public record Violation(String field, String message) {
    }

    public final List<Violation> violations;

    public InvalidFields(List<Violation> violations) {
        super(400, "Invalid request", "One or more fields are invalid",
                violations.stream().map(v -> new Problem.Violation(v.field(), v.message())).toList());
        this.violations = List.copyOf(violations);
    }

    public static InvalidFields of(String field, String message) {
        return new InvalidFields(List.of(new Violation(field, message)));
    }
}
