package omnichannel.whatsapp.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

import omnichannel.whatsapp.MessageStatus;

@ApplicationScoped
@WithSession
public class MessageStatusRepository implements PanacheRepository<MessageStatus> {

    public Uni<List<MessageStatus>> history(String providerMessageId) {
        return find("providerMessageId", Sort.by("id"), providerMessageId).list();
    }
}
