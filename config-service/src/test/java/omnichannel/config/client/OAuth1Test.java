package omnichannel.config.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Pinned to X's official example "Creating a signature" (providers.md §6). */
class OAuth1Test {

    static final OAuth1.Credentials CREDENTIALS = new OAuth1.Credentials("xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    static final Map<String, String> BODY = Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!");

    static List<String[]> oauth() {
        return List.of(new String[]{"oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"},
                new String[]{"oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"},
                new String[]{"oauth_signature_method", "HMAC-SHA1"},
                new String[]{"oauth_timestamp", "1318622958"},
                new String[]{"oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"},
                new String[]{"oauth_version", "1.0"});
    }

    @Test
    void reproducesTheOfficialSignature() {
        assertThat(OAuth1.signature("POST", "https://api.x.com/1.1/statuses/update.json?include_entities=true", BODY,
                oauth(), CREDENTIALS)).isEqualTo("Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
        assertThat(OAuth1.signature("POST", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
                BODY, oauth(), CREDENTIALS)).isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    }

    @Test
    void buildsTheAuthorizationHeaderWithEncodedValues() {
        String header = OAuth1.authorization("POST", "https://api.x.com/1.1/statuses/update.json?include_entities=true",
                BODY, CREDENTIALS, "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958);

        assertThat(header).startsWith("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
                .contains("oauth_signature=\"Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D\"")
                .contains("oauth_timestamp=\"1318622958\"");
    }

    @Test
    void encodesPerRfc3986() {
        assertThat(OAuth1.encode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
        assertThat(OAuth1.encode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
        assertThat(OAuth1.encode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
        assertThat(OAuth1.encode("☃")).isEqualTo("%E2%98%83");
    }
}
