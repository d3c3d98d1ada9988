package omnichannel.config.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import omnichannel.config.XAuthorization;

@ApplicationScoped
@WithSession
public class XAuthorizationRepository implements PanacheRepositoryBase<XAuthorization, String> {

    public Uni<Long> deleteExpired() {
        return delete("expiresAt < ?1", Instant.now());
    }
}
