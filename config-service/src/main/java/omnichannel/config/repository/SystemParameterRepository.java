package omnichannel.config.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

import omnichannel.config.SystemParameter;

@ApplicationScoped
@WithSession
public class SystemParameterRepository implements PanacheRepositoryBase<SystemParameter, Integer> {
}
