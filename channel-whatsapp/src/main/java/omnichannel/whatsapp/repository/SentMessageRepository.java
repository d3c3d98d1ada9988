package omnichannel.whatsapp.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

import omnichannel.whatsapp.SentMessage;

@ApplicationScoped
@WithSession
public class SentMessageRepository implements PanacheRepositoryBase<SentMessage, UUID> {
}
