package omnichannel.platform.privacy;

import omnichannel.platform.rest.ProblemException;

/**
 * Whom an export or an erasure is about: a WhatsApp number (any notation) or business-scoped id, an X user id, or a
 * 4biz requester login (its linked identities and, for a requester the bridge made, the identity in its name). At
 * least one.
 */
public record PersonRequest(String phone, String xUserId, String requester) {

    /** Why the request cannot name anyone, or null when it can. */
    public String problem() {
        if (blank(phone) && blank(xUserId) && blank(requester)) {
            return "give the person's 'phone', 'xUserId' or 'requester'";
        }
        if (!blank(phone) && phone.length() > 600 || !blank(xUserId) && !xUserId.matches("\\d{1,20}")
                || !blank(requester) && !requester.matches("[\\p{L}\\p{N}._@-]{1,100}")) {
            return "'phone' (at most 600 characters), 'xUserId' (digits) or 'requester' (a 4biz login) is malformed";
        }
        return null;
    }

    /** The request, when it names someone; else a 400 problem saying why. */
    public static PersonRequest required(PersonRequest request) {
        if (request == null || request.problem() != null) {
            throw ProblemException.badRequest(request == null ? "a person is required" : request.problem());
        }
        return request;
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
