package omnichannel.config.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.LockOptions;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import omnichannel.config.OutboxRecord;

@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxRecord, UUID> {

    /**
     * The oldest unpublished record that no other transaction holds, locked until this transaction ends
     * ({@code FOR UPDATE SKIP LOCKED}): two replicas never publish the same record at once, and a record whose
     * publication hangs holds back only itself. Null when there is none.
     */
    public Uni<OutboxRecord> claimOldest() {
        return find("publishedAt is null", Sort.by("createdAt"))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .firstResult();
    }
}
