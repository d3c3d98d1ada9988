package omnichannel.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import omnichannel.events.Topics;

/** The topic names the services' configuration uses are the ones events' {@code Topics} spells. */
class TopicNamesTest {

    @Test
    void theConfiguredTopicsAreTheContractsTopics() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        Map<String, String> expected = Map.of("inbound", Topics.INBOUND, "outbound-whatsapp", Topics.OUTBOUND_WHATSAPP,
                "outbound-twitter", Topics.OUTBOUND_TWITTER, "delivery", Topics.DELIVERY, "whatsapp-status",
                Topics.WHATSAPP_STATUS, "interactions", Topics.INTERACTIONS);
        expected.forEach((name, topic) -> assertThat(defaults.getProperty("omnichannel.platform.topics." + name))
                .as(name).isEqualTo(topic));
        assertThat(defaults.stringPropertyNames().stream().filter(k -> k.startsWith("omnichannel.platform.topics.")))
                .hasSize(expected.size());
    }
}
