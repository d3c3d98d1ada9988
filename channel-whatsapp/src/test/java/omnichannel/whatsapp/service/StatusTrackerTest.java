package omnichannel.whatsapp.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusTrackerTest {

    @Test
    void statusOnlyMovesForward() {
        assertThat(StatusTracker.advance("QUEUED", "SENT")).isEqualTo("SENT");
        assertThat(StatusTracker.advance("DELIVERED", "SENT")).isEqualTo("DELIVERED");
        assertThat(StatusTracker.advance("READ", "DELIVERED")).isEqualTo("READ");
        assertThat(StatusTracker.advance("SENT", "SENT")).isEqualTo("SENT");
    }

    @Test
    void failuresAreFinal() {
        assertThat(StatusTracker.advance("SENT", "UNDELIVERED")).isEqualTo("UNDELIVERED");
        assertThat(StatusTracker.advance("UNDELIVERED", "DELIVERED")).isEqualTo("UNDELIVERED");
        assertThat(StatusTracker.advance("FAILED", "READ")).isEqualTo("FAILED");
    }
}
