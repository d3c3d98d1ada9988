package omnichannel.config.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
        // native: Panache queries take no SKIP LOCKED hint
        return getSession().chain(session -> session.createNativeQuery("select * from outbox where published_at is null "
                + "order by created_at limit 1 for update skip locked", OutboxRecord.class).getSingleResultOrNull());
    }
}
