package omnichannel.config.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

import omnichannel.config.DeadLetterAction;

@ApplicationScoped
@WithSession
public class DeadLetterActionRepository implements PanacheRepositoryBase<DeadLetterAction, DeadLetterAction.Place> {
}
