package omnichannel.config.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;

@ApplicationScoped
@WithSession
public class InteractionRepository implements PanacheRepositoryBase<Interaction, String> {

    /** The interaction unless it was deleted; null when there is none. */
    public Uni<Interaction> findLive(String id) {
        return find("id = ?1 and deletedAt is null", id).firstResult();
    }
}
