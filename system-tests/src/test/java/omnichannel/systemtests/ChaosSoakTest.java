package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import omnichannel.bench.Soak;

/**
 * The short version of the chaos soak (75 s of chaos) ({@code ./run-bench.sh soak} runs it for longer): two processes each of
 * ticket-bridge and channel-whatsapp, steady traffic, and every kind of fault at least once (SIGTERM and SIGKILL with a
 * restart, a Kafka broker restart, a 4biz outage, a Twilio 429 storm, a poison record). Nothing may be lost,
 * duplicated, reordered or dead-lettered but the poison, and no sender may go above its rate.
 */
class ChaosSoakTest {

    @Test
    void seventyFiveSecondsOfChaosOnTheProductionTopologyLoseDuplicateAndReorderNothing() {
        Soak.Report report;
        try (Soak soak = SharedSystem.oneStartAtATime(() -> Soak.start(Soak.Settings.verify()))) {
            report = soak.run();
        }
        assertThat(report.faults()).as("every kind of fault was injected").hasSize(Soak.Fault.values().length);
        assertThat(report.conversations()).isGreaterThan(50);
        assertThat(report.violations()).isEmpty();
    }
}
