package omnichannel.platform.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.scribejava.core.services.TimestampService;

/** X's official "Creating a signature" example (providers.md §6). */
class XSignerTest {

    private static final XCredentials CREDENTIALS = new XCredentials("xvz1evFS4wEEPTGEFPHBog",
            "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
            "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");

    private static final XSigner EXAMPLE = new XSigner(new TimestampService() {

        @Override
        public String getTimestampInSeconds() {
            return "1318622958";
        }

        @Override
        public String getNonce() {
            return "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
        }
    });

    private static String signatureOf(String header) {
        String encoded = header.replaceAll(".*oauth_signature=\"([^\"]+)\".*", "$1");
        return java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void reproducesTheOfficialExample() {
        String header = EXAMPLE.authorization("POST", "https://api.x.com/1.1/statuses/update.json?include_entities=true",
                Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), CREDENTIALS);

        assertThat(signatureOf(header)).isEqualTo("Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
        assertThat(header).startsWith("OAuth ").contains("oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
                .contains("oauth_signature_method=\"HMAC-SHA1\"").contains("oauth_version=\"1.0\"")
                .doesNotContain(CREDENTIALS.apiSecret()).doesNotContain(CREDENTIALS.accessTokenSecret());
    }

    @Test
    void theHostIsPartOfTheSignature() {
        String header = EXAMPLE.authorization("POST",
                "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
                Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), CREDENTIALS);

        assertThat(signatureOf(header)).isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
    }
}
