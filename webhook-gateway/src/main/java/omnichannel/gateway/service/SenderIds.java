package omnichannel.gateway.service;

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
        if (!id.startsWith("+") || id.length() < 8) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(id, "ZZ");
            if (number.getCountryCode() == BRAZIL) {
                number = withBrazilianNinthDigit(number);
            }
            if (!PHONES.isPossibleNumber(number)) {
                return null;
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
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
