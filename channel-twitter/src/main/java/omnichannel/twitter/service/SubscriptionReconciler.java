package omnichannel.twitter.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalApi;
import omnichannel.twitter.repository.TwitterStore;

/**
 * Keeps the Activity API subscriptions as they should be, at start and on a schedule
 * ({@code TWITTER_ACTIVITY_RECONCILE_INTERVAL}): each interaction subscribed that way is checked against X's list (a
 * subscription deleted on X's side is recreated), and one that was deleted, deactivated or moved to polling meanwhile
 * has its subscriptions deleted. One replica at a time (an advisory lock); the others skip the round.
 */
@ApplicationScoped
public class SubscriptionReconciler {

    private final TwitterStore store;
    private final InteractionDirectory interactions;
    private final InternalApi config;
    private final WebhookRegistrar registrar;

    public SubscriptionReconciler(TwitterStore store, InteractionDirectory interactions, @RestClient InternalApi config,
            WebhookRegistrar registrar) {
        this.store = store;
        this.interactions = interactions;
        this.config = config;
        this.registrar = registrar;
    }

    @Scheduled(every = "${twitter.activity.reconcile-interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcileAll() {
        return store.exclusively("x-subscriptions-round", false, () -> store.activityApiInteractions()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(this::reconcile)
                .collect().asList().replaceWithVoid())
                .onFailure().invoke(e -> Log.warnf("X subscription reconciliation failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * One interaction with a registration: subscribed again if it still takes webhook deliveries, else retired (its
     * Activity API subscriptions deleted).
     */
    public Uni<Void> reconcile(String interactionId) {
        return store.registration(interactionId).chain(registration -> registration == null
                ? Uni.createFrom().voidItem()
                : interactions.fresh(interactionId).chain(interaction -> {
                    if (interaction != null && interaction.active() && !interaction.polling()) {
                        return registrar.ensure(interaction).replaceWithVoid();
                    }
                    if (interaction != null) {
                        return registrar.retire(interaction);
                    }
                    return config.retired(interactionId)
                            .onFailure(WebApplicationException.class).recoverWithNull()
                            .chain(retired -> retired == null ? store.forget(interactionId) : registrar.retire(retired));
                })).onFailure().invoke(e -> Log.warnf("X subscriptions of interaction=%s not reconciled: %s", interactionId,
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
