package omnichannel.platform.phones;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * One person, one number: phone numbers in E.164 (libphonenumber) with Brazil's optional ninth mobile digit restored,
 * the form the gateway gives every sender and the bridge keys people by; and the other ways the same Brazilian number
 * is written, for looking a person up where it was typed by hand (4biz's employee records).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
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

    private PhoneNumbers() {
    }

    /** The E.164 form (Brazilian mobiles with their ninth digit), or null when {@code id} is not a phone number. */
    public static String e164(String id) {
        if (id == null || !id.startsWith("+") || id.length() < 8 || id.length() > LONGEST_NUMBER) {
            return null;
        }
        return PARSED.get(id, PhoneNumbers::parsed).orElse(null);
    }

    /**
     * Every usual way of writing an E.164 number, the number itself first: for a Brazilian mobile also without its
     * ninth digit, and each without {@code +} and without the country code ({@code +5511987654321},
     * {@code +551187654321}, {@code 5511987654321}, {@code 551187654321}, {@code 11987654321}, {@code 1187654321}).
     */
    public static List<String> variants(String e164) {
        LinkedHashSet<String> forms = new LinkedHashSet<>();
        List<String> international = new ArrayList<>(List.of(e164));
        String digits = e164.substring(1);
        if (digits.startsWith("55") && digits.length() == 13 && digits.charAt(4) == '9') {
            international.add("+" + digits.substring(0, 4) + digits.substring(5));
        }
        international.forEach(forms::add);
        international.forEach(number -> forms.add(number.substring(1)));
        if (digits.startsWith("55")) {
            international.forEach(number -> forms.add(number.substring(3)));
        }
        return List.copyOf(forms);
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
