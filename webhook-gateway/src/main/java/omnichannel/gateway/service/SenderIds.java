package omnichannel.gateway.service;

import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Makes one person one conversation: phone numbers become E.164 (libphonenumber), with Brazil's optional ninth
 * mobile digit restored, and anything that is not a phone number (WhatsApp's business-scoped ids) stays as it is.
 */
public final class SenderIds {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /**
     * A WhatsApp business-scoped user id as Twilio shows it (providers.md §1: {@code US.ABC123XYZ}): a two-letter
     * country code, a dot, then letters and digits. Up to 512 of them: such ids grow, and a long one must stay a
     * person, not a poison; anything longer is not an id.
     */
    private static final java.util.regex.Pattern SCOPED_ID = java.util.regex.Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9]{1,512}");
    private static final int BRAZIL = 55;
    /**
     * libphonenumber's parse was 15 % of the gateway's CPU at saturation (three parses per webhook). Every message of
     * a conversation carries the same From, and every message of an interaction the same To, so each distinct address
     * is parsed once; the cache is bounded (a flood of new senders evicts, it cannot grow the heap).
     */
    private static final Cache<String, Optional<String>> PARSED = Caffeine.newBuilder().maximumSize(20_000).build();
    /**
     * Longer than any phone number in any notation libphonenumber accepts (its own limit is 250 characters of input);
     * a longer string is not parsed (or cached) at all.
     */
    private static final int LONGEST_NUMBER = 64;

    private SenderIds() {
    }

    /** {@code whatsapp:+5511912345678} → {@code +5511912345678}; {@code whatsapp:US.ABC123} → {@code US.ABC123}. */
    public static String normalise(String address) {
        String id = address.startsWith("whatsapp:") ? address.substring("whatsapp:".length()) : address;
        id = id.strip();
        String e164 = asPhoneNumber(id);
        return e164 != null ? e164 : id;
    }

    /**
     * The sender of an inbound webhook's {@code From}: {@code whatsapp:} and a phone number (as E.164) or a
     * business-scoped user id; null for anything else ({@code sms:…}, {@code whatsapp:}, free text, a 3,000-character
     * string), which must never become a 4biz requester.
     */
    public static String sender(String from) {
        if (from == null || !from.startsWith("whatsapp:")) {
            return null;
        }
        String id = from.substring("whatsapp:".length()).strip();
        if (id.startsWith("+")) {
            return asPhoneNumber(id);
        }
        return SCOPED_ID.matcher(id).matches() ? id : null;
    }

    /** The E.164 form, or null when {@code id} is not a phone number. */
    public static String asPhoneNumber(String id) {
        if (!id.startsWith("+") || id.length() < 8 || id.length() > LONGEST_NUMBER) {
            return null;
        }
        return PARSED.get(id, SenderIds::parsed).orElse(null);
    }

    private static Optional<String> parsed(String id) {
        try {
            PhoneNumber number = PHONES.parse(id, "ZZ");
            if (number.getCountryCode() == BRAZIL) {
                number = withBrazilianNinthDigit(number);
            }
            if (!PHONES.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    // WhatsApp reports many Brazilian mobiles without the ninth digit (55 + DDD + 8 digits starting 6-9); the same
    // person writes from "+55 11 98765-4321" elsewhere. The 9-digit form is the official one since 2016.
    private static PhoneNumber withBrazilianNinthDigit(PhoneNumber number) {
        String national = Long.toString(number.getNationalNumber());
        if (national.length() == 10 && national.charAt(2) >= '6') {
            return new PhoneNumber().setCountryCode(BRAZIL)
                    .setNationalNumber(Long.parseLong(national.substring(0, 2) + "9" + national.substring(2)));
        }
        return number;
    }
}
