package omnichannel.config.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The default trusted proxies are written as CIDRs: Quarkus reads an entry that is not a CIDR as {@code host:port}, so
 * a bare {@code ::1} becomes the host name ":" and every request waited for a DNS answer (5 s where none comes).
 */
class TrustedProxiesTest {

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{HTTP_TRUSTED_PROXIES:([^}]*)}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)/\\d{1,3}");

    @Test
    void everyDefaultTrustedProxyIsACidrSoNoRequestWaitsForDns() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Matcher configured = DEFAULT.matcher(properties.getProperty("quarkus.http.proxy.trusted-proxies"));
        assertThat(configured.matches()).as("the default is written as ${HTTP_TRUSTED_PROXIES:…}").isTrue();
        assertThat(Arrays.asList(configured.group(1).split(","))).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.strip()).matches(CIDR));
    }
}
