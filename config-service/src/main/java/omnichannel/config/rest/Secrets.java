package omnichannel.config.rest;

/** How a secret is shown to admins: enough to recognise it, never enough to use it. */
final class Secrets {

    private Secrets() {
    }

    static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
