package omnichannel.config.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import omnichannel.config.PrivacyRequest;

@ApplicationScoped
@WithSession
public class PrivacyRequestRepository implements PanacheRepositoryBase<PrivacyRequest, UUID> {

    public Uni<List<PrivacyRequest>> latest(int count) {
        return findAll(Sort.descending("at")).page(0, count).list();
    }
}
