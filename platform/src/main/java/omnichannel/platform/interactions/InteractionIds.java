package omnichannel.platform.interactions;

import java.util.regex.Pattern;

/**
 * The shape of an interaction id wherever one arrives from outside (a webhook path, an admin URL): URL-safe letters,
 * digits, {@code -} and {@code _}, at most 64 (config-service makes 22-character Base64url ids). Anything else is an
 * id nobody has: answered 404 without a database query or a call to config-service, so that {@code %00} or a
 * megabyte of path never reaches PostgreSQL (which refuses NUL bytes with an error, not an empty answer).
 */
public final class InteractionIds {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private InteractionIds() {
    }

    public static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
