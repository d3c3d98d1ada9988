package omnichannel.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MalformedRequestsTest {

    @Test
    void wellFormedEscapesOfUtf8Pass() {
        assertThat(MalformedRequests.isWellEscaped("/webhooks/twitter/x?crc_token=abc%3D%3D")).isTrue();
        assertThat(MalformedRequests.isWellEscaped("/api/v1/interactions?name=S%C3%A3o%20Paulo&active=true")).isTrue();
        assertThat(MalformedRequests.isWellEscaped("/plain/path")).isTrue();
    }

    @Test
    void brokenEscapesAndEscapesThatAreNotUtf8AreRefused() {
        assertThat(MalformedRequests.isWellEscaped("/x?crc_token=%zz")).isFalse();
        assertThat(MalformedRequests.isWellEscaped("/x?crc_token=%")).isFalse();
        assertThat(MalformedRequests.isWellEscaped("/x?crc_token=%4")).isFalse();
        assertThat(MalformedRequests.isWellEscaped("/webhooks/whatsapp/%C3%28")).isFalse();
        assertThat(MalformedRequests.isWellEscaped("/x/%C3")).isFalse();
        // a multi-byte character split by a plain character
        assertThat(MalformedRequests.isWellEscaped("/x/%C3a%A3")).isFalse();
    }

    @Test
    void whatIsNotAUriIsRefused() {
        assertThat(MalformedRequests.isWellFormed("/x?crc_token=a b")).isFalse();
        assertThat(MalformedRequests.isWellFormed("/x?q=<script>")).isFalse();
        assertThat(MalformedRequests.isWellFormed("/x?q=%zz")).isFalse();
        assertThat(MalformedRequests.isWellFormed("/api/v1/interactions?page=2&size=20")).isTrue();
    }
}
