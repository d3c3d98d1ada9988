package omnichannel.whatsapp.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

import omnichannel.whatsapp.SentMessage;

@ApplicationScoped
@WithSession
public class SentMessageRepository implements PanacheRepositoryBase<SentMessage, UUID> {

    public Uni<SentMessage> findByProviderId(String providerMessageId) {
        return find("providerMessageId", providerMessageId).firstResult();
    }
}
