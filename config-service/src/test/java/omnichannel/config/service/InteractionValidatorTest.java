package omnichannel.config.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.SignatureMode;

/**
 * Rules the console's form fuzz found missing, without Quarkus or servers: what PostgreSQL would refuse (a NUL
 * character, a value longer than its column) is refused first, with the field's name, instead of failing the insert.
 */
class InteractionValidatorTest {

    private static InteractionInput whatsapp(String name, String number) {
        return new InteractionInput(Channel.WHATSAPP_TWILIO, name, 12L, 3L, 170L, 7L, false, true,
                new InteractionInput.WhatsApp(number, "AC0123456789abcdef0123456789abcdef", "token-0123456789", null,
                        null, null, BigDecimal.ONE, SignatureMode.ENFORCE, null),
                null, null, null, null, null);
    }

    private static InteractionInput polledX(String clientId, String callbackUrl) {
        return new InteractionInput(Channel.TWITTER_DM, "X", 12L, 3L, 170L, 7L, false, true, null,
                new InteractionInput.Twitter("api-key", "api-secret", "access-token", "access-secret", "123456",
                        null, DeliveryMode.POLLING, callbackUrl, clientId, null),
                null, null, null, null);
    }

    private static List<String> fields(InteractionInput input) {
        InvalidFields refused = catchThrowableOfType(InvalidFields.class,
                () -> InteractionValidator.validate(input, true));
        return refused == null ? List.of() : refused.violations.stream().map(InvalidFields.Violation::field).toList();
    }

    @Test
    void aNulCharacterIsRefusedInAnyTextFieldByItsName() {
        assertThat(fields(whatsapp("Central", "+5511999990000"))).isEmpty();
        assertThat(fields(whatsapp("Cen\u0000tral", "+5511999990000"))).containsExactly("name");
        assertThat(fields(whatsapp("Central", "+55119\u000099990000"))).contains("whatsapp.number");
    }

    @Test
    void anXClientIdOrCallbackLongerThanItsColumnIsRefusedInEveryDeliveryMode() {
        assertThat(fields(polledX(null, null))).isEmpty();
        assertThat(fields(polledX("c".repeat(128), null))).isEmpty();
        assertThat(fields(polledX("c".repeat(129), null))).containsExactly("twitter.clientId");
        assertThat(fields(polledX(null, "https://omnichannel.example.com/" + "p".repeat(500))))
                .containsExactly("twitter.callbackUrl");
    }
}
