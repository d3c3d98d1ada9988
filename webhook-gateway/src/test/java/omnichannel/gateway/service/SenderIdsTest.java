package omnichannel.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderIdsTest {

    @Test
    void stripsTheWhatsAppPrefixAndKeepsE164() {
        assertThat(SenderIds.normalise("whatsapp:+14155238886")).isEqualTo("+14155238886");
    }

    @Test
    void restoresTheBrazilianNinthDigitSoOnePersonIsOneConversation() {
        assertThat(SenderIds.normalise("whatsapp:+551187654321")).isEqualTo("+5511987654321");
        assertThat(SenderIds.normalise("whatsapp:+5511987654321")).isEqualTo("+5511987654321");
    }

    @Test
    void leavesBrazilianLandlinesAlone() {
        assertThat(SenderIds.normalise("whatsapp:+551132654321")).isEqualTo("+551132654321");
    }

    @Test
    void keepsBusinessScopedIdsOpaque() {
        assertThat(SenderIds.normalise("whatsapp:US.ABC123XYZ")).isEqualTo("US.ABC123XYZ");
        assertThat(SenderIds.asPhoneNumber("US.ABC123XYZ")).isNull();
    }
}
