package omnichannel.testing.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated input for a fuzz case, from one seed: the same seed gives the same case, whatever the thread. What a
 * hostile or broken client sends: empty, long, control characters, other scripts and emoji, injections, numbers where
 * text goes and text where numbers go, broken escapes.
 */
public final class Junk {

    private static final List<String> SNIPPETS = List.of("", " ", "null", "undefined", "NaN", "-1", "0", "1e309",
            "9999999999999999999999", "true", "[]", "{}", "'; DROP TABLE interactions; --", "<script>alert(1)</script>",
            "${jndi:ldap://x/a}", "../../etc/passwd", "%00", "\u0000", "\r\n", "whatsapp:", "whatsapp:+", "sms:+5511999990000",
            "whatsapp:+5511912345678", "+5511912345678", "whatsapp:not a number", "São Paulo – ação", "😀👍🏽", "\uD800",
            "مرحبا", "日本語", "\t", "AC0123456789abcdef0123456789abcdef", "-0", "1.5", "12abc");

    private final SplittableRandom random;

    public Junk(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public int between(int from, int toExclusive) {
        return random.nextInt(from, toExclusive);
    }

    @SafeVarargs
    public final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** A hostile or odd string: a known snippet, random characters of any plane, or a long run. */
    public String text() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pick(SNIPPETS);
            case 2 -> characters(between(0, 40));
            case 3 -> "x".repeat(pick(255, 256, 1_000, 3_000, 20_000));
            case 4 -> Long.toString(random.nextLong());
            default -> characters(between(1, 8)) + pick(SNIPPETS) + characters(between(0, 8));
        };
    }

    /** Random characters: ASCII, Latin, controls, surrogates (paired or not), emoji. */
    public String characters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20, 0x7f));
                case 1 -> text.append((char) random.nextInt(0, 0x20));
                case 2 -> text.append((char) random.nextInt(0xa0, 0x250));
                case 3 -> text.appendCodePoint(random.nextInt(0x1f600, 0x1f650));
                case 4 -> text.append((char) random.nextInt(0xd800, 0xe000));
                default -> text.append((char) random.nextInt(0x20, 0xd800));
            }
        }
        return text.toString();
    }

    /** Bytes of anything, for bodies: often not UTF-8. */
    public byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A path segment: usually escaped, sometimes with escapes that are broken or not UTF-8. */
    public String pathSegment() {
        return switch (random.nextInt(5)) {
            case 0 -> pick("%zz", "%", "%C3%28", "%00", "%2e%2e", "..", "%2F", "a%20b");
            case 1 -> "x".repeat(pick(100, 5_000));
            default -> uriText().replace("+", "%20");
        };
    }

    /**
     * {@link #text()} escaped for a URI, cut at 6,000 characters (a cut may break an escape, which is fine): request
     * lines above 16 KB are refused by the HTTP layer before any application code, without a body.
     */
    public String uriText() {
        String escaped = encode(text());
        return escaped.length() <= 6_000 ? escaped : escaped.substring(0, 6_000);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
