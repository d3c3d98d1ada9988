package omnichannel.events;

/**
 * Text as PostgreSQL and 4biz can keep it: without NUL characters, which no person types and which text columns
 * refuse. A message whose text or sender name carried one became a poison in the bridge (every insert failing); the
 * character goes, the message stays.
 */
final class StorableText {

    private StorableText() {
    }

    static String of(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }
}
