package omnichannel.config.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The console's anti-CSRF tokens (synchronizer pattern, bound to the login): a token is the HMAC of the session's ID
 * token, so it is the same on every replica, needs no storage, changes with every login, and a page of another site
 * cannot know it. The key is derived from the console's client secret, which every replica has; without one (console
 * off) a random key per process. Written here because Quarkus's CSRF extension is not served for this platform
 * version; the session cookie is also {@code SameSite=Strict}, so a cross-site post carries no session at all.
 */
@ApplicationScoped
public class CsrfTokens {

    /** The form field every console form carries. */
    public static final String FIELD = "csrf";

    private final SecretKeySpec key;

    public CsrfTokens(@ConfigProperty(name = "quarkus.oidc.console.credentials.secret") Optional<String> clientSecret) {
        byte[] material;
        if (clientSecret.isPresent() && !clientSecret.get().isBlank()) {
            material = hmac(new SecretKeySpec(clientSecret.get().getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                    "omnichannel console csrf key");
        } else {
            material = new byte[32];
            new SecureRandom().nextBytes(material);
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    /** The token of the current login. */
    public String tokenFor(SecurityIdentity identity) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, binding(identity)));
    }

    /** Whether {@code presented} is the current login's token (constant time). */
    public boolean matches(SecurityIdentity identity, String presented) {
        if (presented == null || identity == null || identity.isAnonymous()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(identity).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The login's ID token (a new one at each login), or the name when the principal is not a token. */
    private static String binding(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getRawToken() != null) {
            return token.getRawToken();
        }
        return "principal:" + identity.getPrincipal().getName();
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
