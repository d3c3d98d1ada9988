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

    /** An IPv4 address wrapped in IPv6 (NAT64, 6to4, IPv4-compatible) is judged as the IPv4 a translator reaches. */
    @Test
    void wrappedPrivateAddressesAndTheBenchmarkingRangeAreRefusedAndWrappedPublicOnesPass() {
        for (String inside : List.of("https://[64:ff9b::a9fe:a9fe]/x", "https://[64:ff9b::7f00:1]/x",
                "https://[2002:a00:1::]/x", "https://[2002:a9fe:a9fe::1]/x", "https://[::a00:1]/x",
                "https://[::7f00:1]/x", "https://198.18.0.1/x", "https://198.19.255.254/x")) {
            assertThat(strict.problem(inside)).as(inside).isNotNull();
        }
        // 93.184.216.34 wrapped each way is still a public address; 198.20.0.1 is outside the benchmarking range
        for (String outside : List.of("https://[64:ff9b::5db8:d822]/x", "https://[2002:5db8:d822::1]/x",
                "https://198.20.0.1/x", "https://198.17.255.1/x")) {
            assertThat(strict.problem(outside)).as(outside).isNull();
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
