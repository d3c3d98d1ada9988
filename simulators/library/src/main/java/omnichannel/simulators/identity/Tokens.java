package omnichannel.simulators.identity;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests and the local run, signed with a key pair made at start (never stored): config-service
 * verifies them offline with the public key, as it does in production with the identity provider's key.
 */
public final class Tokens {

    public static final String ISSUER = "https://omnichannel.local/issuer";
    /**
     * Each service's own audience ({@code OIDC_AUDIENCE}'s default there): a service takes a token only if it was
     * meant for it. A person's token (admin, viewer) is meant for every service they may call.
     */
    public static final List<String> AUDIENCES = List.of(audienceOf("config-service"), audienceOf("ticket-bridge"),
            audienceOf("channel-whatsapp"), audienceOf("channel-twitter"));
    public static final String ADMIN = "omnichannel-admin";
    public static final String VIEWER = "omnichannel-viewer";
    /** Each service's own role (platform's {@code Roles}), what its client credentials earn. */
    public static final String GATEWAY = "omnichannel-gateway";
    public static final String BRIDGE = "omnichannel-bridge";
    public static final String WHATSAPP = "omnichannel-whatsapp";
    public static final String TWITTER = "omnichannel-twitter";
    /** config-service's own identity for a person's data requests to the other services. */
    public static final String PRIVACY = "omnichannel-privacy";
    public static final String FOURBIZ = "omnichannel-4biz";

    /** The key pair's id in every token's header and in the key set. */
    private static final String KEY_ID = "omnichannel-local";

    // Quarkus runs test resources and tests in different class loaders: a static field would hold two key pairs.
    private static final String SHARED_PROPERTY = "test-tokens.key-pair";

    private final KeyPair keys;

    public Tokens() {
        this(generate());
    }

    private Tokens(KeyPair keys) {
        this.keys = keys;
    }

    /** One key pair per JVM, shared by a module's test classes and its test resources. */
    public static synchronized Tokens shared() {
        String encoded = System.getProperty(SHARED_PROPERTY);
        if (encoded == null) {
            KeyPair keys = generate();
            System.setProperty(SHARED_PROPERTY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()) + ":"
                    + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
            return new Tokens(keys);
        }
        String[] parts = encoded.split(":");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new Tokens(new KeyPair(
                    rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0])))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as {@code quarkus.oidc.public-key} takes it (Base64 of the X.509 encoding). */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The audience of {@code service} (a module's name). */
    public static String audienceOf(String service) {
        return "omnichannel-" + service;
    }

    /** A token for {@code subject} with {@code roles} in its {@code groups} claim, meant for every service. */
    public String issue(String subject, Duration lifetime, String... roles) {
        return issueFor(AUDIENCES, subject, lifetime, roles);
    }

    /** The same for one audience: a token meant for one service, or for another application. */
    public String issueFor(String audience, String subject, Duration lifetime, String... roles) {
        return issueFor(List.of(audience), subject, lifetime, roles);
    }

    public String issueFor(List<String> audiences, String subject, Duration lifetime, String... roles) {
        return Jwt.issuer(ISSUER)
                .audience(Set.copyOf(audiences))
                .subject(subject)
                .upn(subject)
                .groups(Set.of(roles))
                .expiresIn(lifetime)
                .jws().keyId(KEY_ID)
                .sign(keys.getPrivate());
    }

    /** An OpenID Connect ID token for {@code client}: who logged in, with {@code roles} in {@code groups}. */
    public String idToken(String client, String subject, String username, String nonce, Duration lifetime,
            String... roles) {
        var claims = Jwt.issuer(ISSUER)
                .audience(client)
                .subject(subject)
                .upn(subject)
                .preferredUserName(username)
                .claim("name", username)
                .groups(Set.of(roles))
                .expiresIn(lifetime);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return claims.jws().keyId(KEY_ID).sign(keys.getPrivate());
    }

    /** The public key as a JSON Web Key Set (RFC 7517), what an OIDC client fetches from {@code jwks_uri}. */
    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"%s\",\"n\":\"%s\",\"e\":\"%s\"}]}"
                .formatted(KEY_ID, url.encodeToString(unsigned(key.getModulus())),
                        url.encodeToString(unsigned(key.getPublicExponent())));
    }

    /** A big integer's magnitude without the sign byte Java adds (JWK wants the unsigned big-endian bytes). */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    public String admin() {
        return issue("admin@omnichannel.local", Duration.ofHours(12), ADMIN);
    }

    public String viewer() {
        return issue("viewer@omnichannel.local", Duration.ofHours(12), VIEWER);
    }

    /** What the 4biz integration holds to push attendants' answers. */
    public String fourBiz() {
        return issue("4biz@omnichannel.local", Duration.ofDays(7), FOURBIZ);
    }

    /** What a service's client credentials earn: its own role ({@link #GATEWAY}, {@link #BRIDGE}…). */
    public String service(String... roles) {
        return issue("services@omnichannel.local", Duration.ofDays(7), roles);
    }
}
