package omnichannel.config.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import omnichannel.config.OutboxRecord;

@ApplicationScoped
@WithSession
public class OutboxRepository implements PanacheRepositoryBase<OutboxRecord, UUID> {

    /** The oldest unpublished records, in the order they were written. */
    public Uni<List<OutboxRecord>> pending(int max) {
        return find("publishedAt is null", Sort.by("createdAt")).page(0, max).list();
    }
}
