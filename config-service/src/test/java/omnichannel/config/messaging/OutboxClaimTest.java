package omnichannel.config.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

import omnichannel.config.ConfigServiceTest;
import omnichannel.testing.SharedInfrastructure;

/**
 * Two replicas publishing the outbox: a record another transaction holds (another replica publishing it, or a
 * publication that hangs) is skipped, not waited for and not published twice, and the records behind it go out.
 */
@QuarkusTest
@TestProfile(OutboxClaimTest.ManualPublishing.class)
class OutboxClaimTest extends ConfigServiceTest {

    /** The scheduled publisher out of the way: the test publishes itself, like a second replica would. */
    public static class ManualPublishing implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outbox.interval", "1h");
        }
    }

    @Inject
    OutboxPublisher publisher;

    private int publishPending() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> publisher.publishPending());
    }

    private static int pending(String interactionId) {
        return SharedInfrastructure.postgres().query("config", connection -> {
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select count(*) from outbox where published_at is null and record_key = '" + interactionId + "'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aRecordHeldByAnotherTransactionHoldsBackOnlyItselfAndIsPublishedOnce() throws Throwable {
        publishPending();
        String first = create(whatsappBody("Primeira"));
        String second = create(whatsappBody("Segunda"));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherReplica = CompletableFuture.runAsync(() -> SharedInfrastructure.postgres()
                .query("config", connection -> {
                    connection.setAutoCommit(false);
                    connection.createStatement().executeQuery("select id from outbox where record_key = '" + first
                            + "' and published_at is null for update").close();
                    locked.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    connection.commit();
                    return null;
                }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(publishPending()).as("published while the first is held").isEqualTo(1);
        assertThat(pending(first)).isEqualTo(1);
        assertThat(pending(second)).isZero();

        release.countDown();
        otherReplica.get(10, TimeUnit.SECONDS);
        assertThat(publishPending()).isEqualTo(1);
        assertThat(pending(first)).isZero();
        assertThat(publishPending()).isZero();
    }
}
