package omnichannel.platform.phones;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void aBrazilianMobileIsOneNumberWithOrWithoutItsNinthDigit() {
        assertThat(PhoneNumbers.e164("+551187654321")).isEqualTo("+5511987654321");
        assertThat(PhoneNumbers.e164("+5511987654321")).isEqualTo("+5511987654321");
        assertThat(PhoneNumbers.e164("+55 (11) 98765-4321")).isEqualTo("+5511987654321");
        assertThat(PhoneNumbers.e164("+551132654321")).as("a landline keeps its eight digits").isEqualTo("+551132654321");
        assertThat(PhoneNumbers.e164("+14155238886")).isEqualTo("+14155238886");
        assertThat(PhoneNumbers.e164("US.ABC123XYZ")).isNull();
        assertThat(PhoneNumbers.e164("+1")).isNull();
        assertThat(PhoneNumbers.e164(null)).isNull();
    }

    @Test
    void theVariantsAreTheWaysPeopleTypeTheNumberTheCanonicalFirst() {
        assertThat(PhoneNumbers.variants("+5511987654321")).containsExactly("+5511987654321", "+551187654321",
                "5511987654321", "551187654321", "11987654321", "1187654321");
        assertThat(PhoneNumbers.variants("+551132654321")).containsExactly("+551132654321", "551132654321", "1132654321");
        assertThat(PhoneNumbers.variants("+14155238886")).containsExactly("+14155238886", "14155238886");
    }
}
