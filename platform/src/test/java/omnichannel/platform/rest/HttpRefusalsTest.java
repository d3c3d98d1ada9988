package omnichannel.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpRefusalsTest {

    @Test
    void wellFormedEscapesOfUtf8Pass() {
        assertThat(HttpRefusals.isWellEscaped("/webhooks/twitter/x?crc_token=abc%3D%3D")).isTrue();
        assertThat(HttpRefusals.isWellEscaped("/api/v1/interactions?name=S%C3%A3o%20Paulo&active=true")).isTrue();
        assertThat(HttpRefusals.isWellEscaped("/plain/path")).isTrue();
    }

    @Test
    void brokenEscapesAndEscapesThatAreNotUtf8AreRefused() {
        assertThat(HttpRefusals.isWellEscaped("/x?crc_token=%zz")).isFalse();
        assertThat(HttpRefusals.isWellEscaped("/x?crc_token=%")).isFalse();
        assertThat(HttpRefusals.isWellEscaped("/x?crc_token=%4")).isFalse();
        assertThat(HttpRefusals.isWellEscaped("/webhooks/whatsapp/%C3%28")).isFalse();
        assertThat(HttpRefusals.isWellEscaped("/x/%C3")).isFalse();
        // a multi-byte character split by a plain character
        assertThat(HttpRefusals.isWellEscaped("/x/%C3a%A3")).isFalse();
        assertThat(HttpRefusals.isWellEscaped("/webhooks/whatsapp/a%00b")).isFalse();
    }

    @Test
    void whatIsNotAUriIsRefused() {
        assertThat(HttpRefusals.isWellFormed("/x?crc_token=a b")).isFalse();
        assertThat(HttpRefusals.isWellFormed("/x?q=<script>")).isFalse();
        assertThat(HttpRefusals.isWellFormed("/x?q=%zz")).isFalse();
        assertThat(HttpRefusals.isWellFormed("/api/v1/interactions?page=2&size=20")).isTrue();
    }
}
