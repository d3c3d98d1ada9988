package omnichannel.simulators.x;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * X's OAuth 2.0 Authorization Code with PKCE, as its documentation describes it (fundamentals/authentication/oauth-2-0):
 * codes valid 30 seconds and used once, the verifier checked against the challenge (S256 or plain), the redirect URI
 * equal to the authorization's, refresh tokens rotated (a spent one is refused, RFC 6749 {@code invalid_grant}),
 * revocation. One account (the simulator's), one app.
 */
@ApplicationScoped
public class XGrants {

    /** What an access token allows. */
    public record Access(String userId, Set<String> scopes, Instant expiresAt) {
    }

    private record Code(String redirectUri, String challenge, String method, Set<String> scopes, Instant expiresAt) {
    }

    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Access> accessTokens = new HashMap<>();
    private final Map<String, Set<String>> refreshTokens = new HashMap<>();
    private final String clientId;
    private final String clientSecret;
    private final long accessSeconds;
    private int refreshes;

    public XGrants(@ConfigProperty(name = "simulators.x.client-id") String clientId,
            @ConfigProperty(name = "simulators.x.client-secret") String clientSecret,
            @ConfigProperty(name = "simulators.x.access-token-seconds") long accessSeconds) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessSeconds = accessSeconds;
    }

    boolean knownClient(String id) {
        return clientId.equals(id);
    }

    /** Basic client id:secret (a confidential client). */
    boolean validClient(String basic) {
        return ("Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8))).equals(basic);
    }

    synchronized String issueCode(String redirectUri, String challenge, String method, Set<String> scopes) {
        String code = UUID.randomUUID().toString().replace("-", "");
        codes.put(code, new Code(redirectUri, challenge, method, scopes, Instant.now().plusSeconds(30)));
        return code;
    }

    /** Tokens for a code, or null when the code, the redirect URI or the verifier is wrong. */
    synchronized Map<String, Object> redeem(String code, String redirectUri, String verifier) {
        Code issued = code == null ? null : codes.remove(code);
        if (issued == null || issued.expiresAt().isBefore(Instant.now()) || !issued.redirectUri().equals(redirectUri)
                || verifier == null || !issued.challenge().equals(challenge(verifier, issued.method()))) {
            return null;
        }
        return tokens(issued.scopes());
    }

    /** New tokens for a refresh token, which is spent; null when it is unknown, spent or revoked. */
    synchronized Map<String, Object> refresh(String refreshToken) {
        Set<String> scopes = refreshToken == null ? null : refreshTokens.remove(refreshToken);
        if (scopes == null) {
            return null;
        }
        refreshes++;
        return tokens(scopes);
    }

    synchronized int refreshes() {
        return refreshes;
    }

    synchronized Access access(String bearer) {
        Access access = bearer == null ? null : accessTokens.get(bearer);
        return access == null || access.expiresAt().isBefore(Instant.now()) ? null : access;
    }

    /** {@code POST /2/oauth2/revoke}: that one token. */
    synchronized void revoke(String token) {
        accessTokens.remove(token);
        refreshTokens.remove(token);
    }

    /** The person revoked the app in X's settings: every token of the grant stops working. */
    synchronized void revokeAll() {
        accessTokens.clear();
        refreshTokens.clear();
    }

    synchronized void reset() {
        codes.clear();
        revokeAll();
        refreshes = 0;
    }

    private Map<String, Object> tokens(Set<String> scopes) {
        String access = "x-at-" + UUID.randomUUID();
        accessTokens.put(access, new Access(null, scopes, Instant.now().plusSeconds(accessSeconds)));
        Map<String, Object> answer = new HashMap<>(Map.of("token_type", "bearer", "expires_in", accessSeconds,
                "access_token", access, "scope", String.join(" ", scopes)));
        if (scopes.contains("offline.access")) {
            String refresh = "x-rt-" + UUID.randomUUID();
            refreshTokens.put(refresh, scopes);
            answer.put("refresh_token", refresh);
        }
        return answer;
    }

    private static String challenge(String verifier, String method) {
        if ("plain".equals(method)) {
            return verifier;
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
