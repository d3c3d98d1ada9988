package omnichannel.config.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.InteractionIds;

@ApplicationScoped
@WithSession
public class InteractionRepository implements PanacheRepositoryBase<Interaction, String> {

    /** The interaction unless it was deleted; null when there is none. */
    public Uni<Interaction> findLive(String id) {
        if (!InteractionIds.isWellFormed(id)) {
            return Uni.createFrom().nullItem();
        }
        return find("id = ?1 and deletedAt is null", id).firstResult();
    }

    /** A deleted interaction; null when there is none or it is not deleted. */
    public Uni<Interaction> findDeleted(String id) {
        if (!InteractionIds.isWellFormed(id)) {
            return Uni.createFrom().nullItem();
        }
        return find("id = ?1 and deletedAt is not null", id).firstResult();
    }

    /** Live (or, with {@code deleted}, deleted) interactions matching the filters (each optional), by name. */
    public PanacheQuery<Interaction> search(String nameContains, Channel channel, Boolean active, boolean deleted) {
        List<String> where = new ArrayList<>(List.of(deleted ? "deletedAt is not null" : "deletedAt is null"));
        Parameters params = new Parameters();
        if (nameContains != null && !nameContains.isBlank()) {
            where.add("lower(name) like :name");
            params.and("name", "%" + nameContains.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (channel != null) {
            where.add("channel = :channel");
            params.and("channel", channel);
        }
        if (active != null) {
            where.add("active = :active");
            params.and("active", active);
        }
        return find(String.join(" and ", where), Sort.by("name").and("id"), params);
    }
}
