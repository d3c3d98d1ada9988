package omnichannel.gateway.service;

import java.util.regex.Pattern;

import omnichannel.platform.phones.PhoneNumbers;

/**
 * Makes one person one conversation: phone numbers become E.164 with Brazil's optional ninth mobile digit restored
 * ({@link PhoneNumbers}), and anything that is not a phone number (WhatsApp's business-scoped ids) stays as it is.
 */
public final class SenderIds {

    /**
     * A WhatsApp business-scoped user id as Twilio shows it (providers.md §1: {@code US.ABC123XYZ}): a two-letter
     * country code, a dot, then letters and digits. Up to 512 of them: such ids grow, and a long one must stay a
     * person, not a poison; anything longer is not an id.
     */
    private static final Pattern SCOPED_ID = Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9]{1,512}");

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

    /** The E.164 form ({@link PhoneNumbers}), or null when {@code id} is not a phone number. */
    public static String asPhoneNumber(String id) {
        return PhoneNumbers.e164(id);
    }
}
