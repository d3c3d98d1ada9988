package omnichannel.config.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import omnichannel.config.XGrant;

@ApplicationScoped
@WithSession
public class XGrantRepository implements PanacheRepositoryBase<XGrant, String> {

    /**
     * The grant locked until the transaction ends ({@code SELECT … FOR UPDATE}): a refresh on another replica waits,
     * then reads the tokens this one saved. Null when the account was never connected.
     */
    public Uni<XGrant> lock(String interactionId) {
        return findById(interactionId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** How many interactions wait for an admin to connect their X account again. */
    public Uni<Long> needingReconnect() {
        return count("status", XGrant.Status.NEEDS_RECONNECT);
    }
}
