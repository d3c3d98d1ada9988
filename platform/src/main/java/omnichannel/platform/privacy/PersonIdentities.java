package omnichannel.platform.privacy;

import java.util.List;

/**
 * One person as the services' data knows them, for an export or an erasure (LGPD Art. 18): WhatsApp senders (E.164
 * numbers or business-scoped ids), X user ids and 4biz requester logins. The bridge resolves a request (a phone, an X
 * id or a requester) into these; every service then acts on what it holds of them.
 */
public record PersonIdentities(List<String> whatsapp, List<String> twitter, List<String> requesters) {

    public PersonIdentities {
        whatsapp = whatsapp == null ? List.of() : List.copyOf(whatsapp);
        twitter = twitter == null ? List.of() : List.copyOf(twitter);
        requesters = requesters == null ? List.of() : List.copyOf(requesters);
    }

    /** Whether nothing names the person: no service has anything to act on. */
    public boolean isEmpty() {
        return whatsapp.isEmpty() && twitter.isEmpty() && requesters.isEmpty();
    }
}
