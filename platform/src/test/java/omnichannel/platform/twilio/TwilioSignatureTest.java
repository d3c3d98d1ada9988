package omnichannel.platform.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Pinned to the official vectors of twilio-java / twilio-python / twilio-node (providers.md §3). */
class TwilioSignatureTest {

    static final String TOKEN = "12345";
    static final String U = "https://mycompany.com/myapp.php?foo=1&bar=2";

    static Map<String, List<String>> p() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675309"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675309"));
        params.put("To", List.of("+18005551212"));
        return params;
    }

    static Map<String, List<String>> single(String... pairs) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return params;
    }

    @Test
    void computesTheReferenceSignature() {
        assertThat(TwilioSignature.compute(TOKEN, U, p())).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.isValid(TOKEN, U, p(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void acceptsTheUrlWithItsExplicitPortStripped() {
        assertThat(TwilioSignature.isValid(TOKEN, "https://mycompany.com:1234/myapp.php?foo=1&bar=2", p(),
                "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void acceptsTheDefaultPortVariants() {
        assertThat(TwilioSignature.compute(TOKEN, "https://mycompany.com:443/myapp.php?foo=1&bar=2", p()))
                .isEqualTo("kvajT1Ptam85bY51eRf/AJRuM3w=");
        assertThat(TwilioSignature.isValid(TOKEN, U, p(), "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
        assertThat(TwilioSignature.compute(TOKEN, "http://mycompany.com:80/myapp.php?foo=1&bar=2", p()))
                .isEqualTo("0ZXoZLH/DfblKGATFgpif+LLRf4=");
        assertThat(TwilioSignature.isValid(TOKEN, "http://mycompany.com/myapp.php?foo=1&bar=2", p(),
                "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isTrue();
        assertThat(TwilioSignature.compute(TOKEN, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", p()))
                .isEqualTo("Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
        assertThat(TwilioSignature.isValid(TOKEN, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", p(),
                "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isTrue();
    }

    @Test
    void signsUrlsWithoutParametersAndParametersWithoutQuery() {
        assertThat(TwilioSignature.compute(TOKEN, U, Map.of())).isEqualTo("zYQTYrRWXE7LtzbG4PfP7/bkkGo=");
        assertThat(TwilioSignature.compute(TOKEN, "https://mycompany.com/myapp.php", p()))
                .isEqualTo("1xaxFBvyzXYvWplzNOSs28HWO94=");
    }

    @Test
    void keepsTheQueryPercentEncodingAsSent() {
        assertThat(TwilioSignature.compute(TOKEN, "https://mycompany.com/myapp.php?foo=hello%20world&bar=test%2Bvalue", p()))
                .isEqualTo("er2tvAP1Wx+iuTTE2BPgvEaN1cs=");
    }

    @Test
    void signsSpecialCharactersAndUnicodeAsUtf8() {
        assertThat(TwilioSignature.compute(TOKEN, U, single("Message", "Hello & goodbye! @#$%^*()", "From",
                "+1 (415) 867-5309", "Special", "unicode: ñáéíóú"))).isEqualTo("dCPiR4WtQ6QFN6pJh81CtlCcWLQ=");
    }

    @Test
    void sortsNamesOrdinallyAndCaseSensitively() {
        assertThat(TwilioSignature.compute(TOKEN, U, single("Zebra", "last", "Alpha", "first", "Beta", "second", "Gamma",
                "third"))).isEqualTo("enveUe73ZTVLAekHxez3Qx6JuuQ=");
        assertThat(TwilioSignature.compute(TOKEN, U, single("callSid", "lowercase", "CallSid", "uppercase", "CALLSID",
                "allcaps"))).isEqualTo("jDK7WKT8wiNrwggd4ceTv4e1MJ4=");
    }

    @Test
    void deduplicatesAndSortsTheValuesOfARepeatedName() {
        assertThat(TwilioSignature.compute(TOKEN, U, single("Sid", "CA123", "SidAccount", "AC123", "Digits", "5678",
                "Digits", "1234", "Digits", "1234"))).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void validatesTheJsonBodyVariant() {
        byte[] body = "{\"property\": \"value\", \"boolean\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        assertThat(java.util.HexFormat.of().formatHex(TwilioSignature.sha256(body))).isEqualTo(hash);
        assertThat(TwilioSignature.compute(TOKEN, U + "&bodySHA256=" + hash, Map.of()))
                .isEqualTo("a9nBmqA0ju/hNViExpshrM61xv4=");
        assertThat(TwilioSignature.isValidJsonBody(TOKEN, U + "&bodySHA256=" + hash, body, "a9nBmqA0ju/hNViExpshrM61xv4="))
                .isTrue();
        byte[] tampered = "{\"property\": \"other\", \"boolean\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(TwilioSignature.isValidJsonBody(TOKEN, U + "&bodySHA256=" + hash, tampered,
                "a9nBmqA0ju/hNViExpshrM61xv4=")).isFalse();
        assertThat(TwilioSignature.isValidJsonBody(TOKEN, U, body, "a9nBmqA0ju/hNViExpshrM61xv4=")).isFalse();
    }

    @Test
    void rejectsWrongEmptyAndMissingSignatures() {
        assertThat(TwilioSignature.isValid(TOKEN, U, p(), "RSOYDt4T1cUTdK1PDd93/VVr8B9=")).isFalse();
        assertThat(TwilioSignature.isValid(TOKEN, U, p(), "")).isFalse();
        assertThat(TwilioSignature.isValid(TOKEN, U, p(), null)).isFalse();
    }

    @Test
    void rejectsATamperedParameterOrUrl() {
        Map<String, List<String>> tampered = p();
        tampered.put("Digits", List.of("9999"));
        assertThat(TwilioSignature.isValid(TOKEN, U, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.isValid(TOKEN, U + "&x=1", p(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.isValid("54321", U, p(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
    }
}
