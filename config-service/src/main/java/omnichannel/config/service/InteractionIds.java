package omnichannel.config.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Interaction ids: 128 random bits, URL-safe. Part of a public URL, so they must not be guessable. */
final class InteractionIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InteractionIds() {
    }

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
