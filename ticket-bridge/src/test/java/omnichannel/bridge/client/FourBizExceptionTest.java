package omnichannel.bridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import omnichannel.bridge.client.FourBizException.Kind;

/** The one classification of a 4biz answer: what retrying can do for the message that caused it. */
class FourBizExceptionTest {

    @Test
    void fourBizsOwnErrorCodeDecidesWhenItSentOne() {
        assertThat(FourBizException.classify(412, "SESSION")).isEqualTo(Kind.SESSION);
        assertThat(FourBizException.classify(412, "INTERNAL")).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(412, "INPUT")).isEqualTo(Kind.REFUSED);
        assertThat(FourBizException.classify(412, "PARAM")).isEqualTo(Kind.REFUSED);
        assertThat(FourBizException.classify(412, "PERMISSION")).isEqualTo(Kind.REFUSED);
        assertThat(FourBizException.classify(412, "SOMETHING_NEW")).isEqualTo(Kind.REFUSED);
        // an error body on a 2xx is still an error; on a 5xx or 429 4biz is in trouble whatever it says
        assertThat(FourBizException.classify(200, "INPUT")).isEqualTo(Kind.REFUSED);
        assertThat(FourBizException.classify(503, "INPUT")).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(429, "PARAM")).isEqualTo(Kind.TRANSIENT);
        // a 404 with 4biz's body is 4biz answering (the operation exists)
        assertThat(FourBizException.classify(404, "INPUT")).isEqualTo(Kind.REFUSED);
    }

    @Test
    void withoutACodeTheStatusDecides() {
        assertThat(FourBizException.classify(404, null)).isEqualTo(Kind.ABSENT);
        assertThat(FourBizException.classify(405, null)).isEqualTo(Kind.ABSENT);
        assertThat(FourBizException.classify(501, null)).isEqualTo(Kind.ABSENT);
        assertThat(FourBizException.classify(401, null)).isEqualTo(Kind.SESSION);
        assertThat(FourBizException.classify(403, null)).isEqualTo(Kind.SESSION);
        assertThat(FourBizException.classify(500, null)).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(502, null)).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(503, null)).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(429, null)).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(408, null)).isEqualTo(Kind.TRANSIENT);
        assertThat(FourBizException.classify(400, null)).isEqualTo(Kind.REFUSED);
        assertThat(FourBizException.classify(302, null)).isEqualTo(Kind.REFUSED);
        assertThat(FourBizException.classify(413, null)).isEqualTo(Kind.REFUSED);
    }

    @Test
    void aRefusalAfterAFreshLoginIsPermanentAndOnlyOutagesCountForTheBreaker() {
        FourBizException unauthorized = new FourBizException("request/create", 401, null, null);
        assertThat(unauthorized.isPermanent()).isFalse();
        assertThat(unauthorized.afterFreshLogin().isPermanent()).isTrue();
        assertThat(FourBizException.isOutage(unauthorized)).isFalse();
        assertThat(FourBizException.isOutage(new FourBizException("x", 404, null, null))).isFalse();
        assertThat(FourBizException.isOutage(new FourBizException("x", 412, "INPUT", null))).isFalse();
        assertThat(FourBizException.isOutage(new FourBizException("x", 503, null, null))).isTrue();
        assertThat(FourBizException.isOutage(new java.util.concurrent.TimeoutException())).isTrue();
        // an expired session after the fresh login stays an expired session (retried), not a refusal
        FourBizException expired = new FourBizException("x", 412, "SESSION", null);
        assertThat(expired.afterFreshLogin().isPermanent()).isFalse();
    }

    @Test
    void numbersFourBizEchoesInItsDescriptionAreNotRepeatedInLogsOrDeadLetters() {
        FourBizException e = new FourBizException("request/create", 412, "INPUT",
                "unknown user whatsapp_5511912345678 phone +55 11 98765-4321");
        assertThat(e.getMessage()).doesNotContain("5511912345678").doesNotContain("98765").contains("whatsapp_…")
                .contains("4biz request/create answered HTTP 412 INPUT");
    }
}
