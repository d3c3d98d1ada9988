package omnichannel.config.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import omnichannel.config.InteractionAudit;

@ApplicationScoped
@WithSession
public class InteractionAuditRepository implements PanacheRepository<InteractionAudit> {

    public Uni<List<InteractionAudit>> forInteraction(String interactionId) {
        return find("interactionId", Sort.by("id"), interactionId).list();
    }
}
