package omnichannel.config.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.config.OmnichannelConfig;
import omnichannel.config.repository.InteractionRepository;
import omnichannel.events.Channel;

/** Use cases of interactions; the transaction boundary. */
@ApplicationScoped
public class InteractionService {

    private final InteractionRepository repository;
    private final OmnichannelConfig config;

    public InteractionService(InteractionRepository repository, OmnichannelConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** Stores a new interaction under a fresh random id. */
    @WithTransaction
    public Uni<Interaction> create(Interaction interaction) {
        Instant now = Instant.now();
        interaction.id = InteractionIds.next();
        interaction.createdAt = now;
        interaction.updatedAt = now;
        return repository.persist(interaction)
                .invoke(created -> Log.infof("interaction created id=%s channel=%s", created.id, created.channel));
    }

    public Uni<Interaction> find(String id) {
        return repository.findLive(id);
    }

    /** The URL the provider calls: derived from the public base and the id, so it never changes either. */
    public String callbackUrl(Interaction interaction) {
        String base = config.publicBaseUrl().replaceAll("/+$", "");
        String channelPath = interaction.channel == Channel.WHATSAPP_TWILIO ? "whatsapp" : "twitter";
        return base + "/webhooks/" + channelPath + "/" + interaction.id;
    }
}
