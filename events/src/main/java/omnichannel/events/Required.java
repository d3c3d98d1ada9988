package omnichannel.events;

/** Checks of required fields, so that a malformed event fails on reading with the field's name. */
final class Required {

    private Required() {
    }

    static <T> T field(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("missing required field '" + name + "'");
        }
        return value;
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required field '" + name + "'");
        }
        return value;
    }

    static int version(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("missing required field 'schemaVersion'");
        }
        return value;
    }
}
