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
