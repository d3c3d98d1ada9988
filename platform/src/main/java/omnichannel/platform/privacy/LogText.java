package omnichannel.platform.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from outside (a provider's or 4biz's error description, an exception's message) made fit for a log line or a
 * dead letter's headers: numbers long enough to be a phone number or an X id ({@code 5511912345678},
 * {@code +55 (11) 98765-4321}) are replaced by {@code …}, since such text may echo the person it was about.
 */
public final class LogText {

    private static final Pattern NUMBERS = Pattern.compile("\\+?\\d[\\d\\s().-]*\\d");

    private LogText() {
    }

    public static String withoutNumbers(String text) {
        if (text == null) {
            return null;
        }
        return NUMBERS.matcher(text).replaceAll(m -> m.group().replaceAll("\\D", "").length() >= 7
                ? "…"
                : Matcher.quoteReplacement(m.group()));
    }
}
