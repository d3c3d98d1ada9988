package omnichannel.config.rest;

/** A request field that breaks a rule Bean Validation cannot express: 400 naming the field. */
class FieldError extends RuntimeException {

    final String field;

    FieldError(String field, String message) {
        super(message);
        this.field = field;
    }
}
