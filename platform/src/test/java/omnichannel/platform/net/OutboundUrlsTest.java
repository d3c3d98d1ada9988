package omnichannel.platform.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class OutboundUrlsTest {

    private final OutboundUrls strict = new OutboundUrls(List.of());

    @Test
    void anAdminSetUrlMustBeHttpsToAPublicHost() {
        assertThat(strict.problem("https://helper.example.com/webhooks/rest/webhook")).isNull();
        assertThat(strict.problem("https://93.184.216.34:8443/x")).isNull();
        for (String inside : List.of("http://helper.example.com/x", "https://localhost/x", "https://api.localhost/x",
                "https://127.0.0.1/x", "https://10.1.2.3/x", "https://172.16.0.1/x", "https://192.168.1.1/x",
                "https://169.254.169.254/latest", "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::1]/x",
                "https://[fe80::1]/x", "https://[fd12::1]/x", "https://[::ffff:10.0.0.1]/x",
                "https://user:secret@helper.example.com/x", "ftp://helper.example.com/x", "not a url", "/relative")) {
            assertThat(strict.problem(inside)).as(inside).isNotNull();
        }
    }

    @Test
    void theAllowListOpensExactlyItsHostAndPort() {
        OutboundUrls local = new OutboundUrls(List.of("127.0.0.1:8090"));
        assertThat(local.problem("http://127.0.0.1:8090/helper/webhook")).isNull();
        assertThat(local.problem("http://127.0.0.1:8091/helper/webhook")).isNotNull();
        assertThat(local.problem("https://127.0.0.1/helper/webhook")).isNotNull();
    }

    @Test
    void atCallTimeTheResolvedAddressIsCheckedAndReturnedForTheConnection() throws Exception {
        assertThat(strict.resolve(URI.create("https://93.184.216.34/x")))
                .isEqualTo(InetAddress.getByName("93.184.216.34"));
        // a name that resolves inside (as a rebinding DNS answer would) is refused, not only literals: this machine's
        // own name resolves to one of its addresses (loopback or the private network) through /etc/hosts
        String ownName = InetAddress.getLocalHost().getHostName();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(InetAddress.getAllByName(ownName))
                .anyMatch(a -> !OutboundUrls.isPublic(a)), "this machine's name resolves to a public address");
        assertThatThrownBy(() -> strict.resolve(URI.create("https://" + ownName + "/x")))
                .isInstanceOf(OutboundUrls.Refused.class).hasMessageContaining("non-public");
        OutboundUrls local = new OutboundUrls(List.of("localhost:8090"));
        assertThat(local.resolve(URI.create("http://localhost:8090/x")).isLoopbackAddress()).isTrue();
    }
}
