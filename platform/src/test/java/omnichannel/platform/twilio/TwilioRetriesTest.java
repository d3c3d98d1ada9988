package omnichannel.platform.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TwilioRetriesTest {

    @Test
    void asksForRetriesOf5xxAndTimeoutsButNot4xx() {
        String url = TwilioRetries.asked("https://hooks.example.com/webhooks/whatsapp/abc");

        assertThat(url).isEqualTo("https://hooks.example.com/webhooks/whatsapp/abc#rc=5&rp=5xx,ct,rt");
        assertThat(TwilioRetries.asked(url)).isEqualTo(url);
        assertThat(URI.create(url).getFragment()).doesNotContain("4xx").doesNotContain("all");
    }

    @Test
    void theFragmentIsNotSignedSoTheRetriedRequestStillValidates() {
        // Twilio signs the URL without its fragment, and the fragment never reaches the server
        String handedOut = TwilioRetries.asked("https://hooks.example.com/webhooks/whatsapp/abc");
        String called = handedOut.substring(0, handedOut.indexOf('#'));
        Map<String, List<String>> form = Map.of("MessageSid", List.of("SM1"), "Body", List.of("oi"));
        String signature = TwilioSignature.compute("token", called, form);

        assertThat(TwilioSignature.isValid("token", called, form, signature)).isTrue();
    }
}
