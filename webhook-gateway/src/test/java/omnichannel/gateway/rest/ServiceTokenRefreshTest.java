package omnichannel.gateway.rest;

import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.newSid;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.signed;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.gateway.ConfigServiceStub;
import omnichannel.testing.KafkaTestResource;

/**
 * The gateway's token for config-service's internal API comes from the token endpoint (OAuth2 client credentials) and
 * is fetched again when it expires: with tokens that live 3 s, pairs of lookups 3.5 s apart all succeed at once, each
 * pair on one fresh token, and config-service never sees an expired or missing token (no 401, so no retry either).
 */
@QuarkusTest
@TestProfile(ServiceTokenRefreshTest.ShortLivedTokens.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class ServiceTokenRefreshTest {

    public static class ShortLivedTokens implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // the test token endpoint honours a shorter requested lifetime; a real IdP sets it per client
            return Map.of("quarkus.oidc-client.grant-options.client.requested_lifetime", "3",
                    "quarkus.oidc-client.refresh-token-time-skew", "1s");
        }
    }

    @Test
    void aServiceTokenExpiringMidRunIsRefreshedWithoutAFailedCall() throws InterruptedException {
        long unauthorizedBefore = ConfigServiceStub.unauthorizedCalls();
        List<String> tokens = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            // two lookups back to back share one token; the next pair comes after that token has expired
            for (String id : List.of("wa-token-" + step + "a", "wa-token-" + step + "b")) {
                ConfigServiceStub.whatsAppInteraction(id);
                String path = "/webhooks/whatsapp/" + id;
                signed(path, webhook(newSid()), ConfigServiceStub.AUTH_TOKEN).when().post(path).then().statusCode(200);
                tokens.addAll(ConfigServiceStub.tokensPresentedFor(id));
            }
            Thread.sleep(3_500);
        }

        assertThat(ConfigServiceStub.unauthorizedCalls()).isEqualTo(unauthorizedBefore);
        assertThat(tokens).hasSize(8);
        // reused while valid, fetched again once expired
        for (int pair = 0; pair < 8; pair += 2) {
            assertThat(tokens.get(pair)).isEqualTo(tokens.get(pair + 1));
        }
        assertThat(tokens.stream().distinct().count()).isEqualTo(4);
    }
}
