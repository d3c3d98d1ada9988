package omnichannel.config.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import omnichannel.platform.rest.Problem;

/**
 * The failures of Hibernate that are the caller's (a concurrent update): the platform's mappers handle the rest, and
 * config-service's own failures carry their status themselves.
 */
public class ProblemMapper {

    @ServerExceptionMapper({StaleObjectStateException.class, OptimisticLockException.class})
    public Response concurrentUpdate(RuntimeException e) {
        return Problem.response(409, "Conflict",
                "The interaction was changed meanwhile; read it again and reapply the change");
    }
}
