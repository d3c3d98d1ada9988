package omnichannel.bridge.service;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The bridge's metrics, each tagged with the interaction it concerns (docs/operations.md lists them). */
@ApplicationScoped
public class BridgeMetrics {

    private final MeterRegistry registry;
    /** Meters by name and tags: looking one up in the registry on every message costs more than the count itself. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void messageIn(String interactionId) {
        count("omnichannel_bridge_messages_in", interactionId);
    }

    void ticketCreated(String interactionId) {
        count("omnichannel_bridge_tickets_created", interactionId);
    }

    void followUp(String interactionId) {
        count("omnichannel_bridge_follow_ups", interactionId);
    }

    /** A file of a person's message: attached to the ticket, or refused (policy, provider) and explained on it. */
    void attachment(String interactionId, boolean attached) {
        count(attached ? "omnichannel_bridge_attachments" : "omnichannel_bridge_attachments_refused", interactionId);
    }

    void helperTurn(String interactionId) {
        count("omnichannel_bridge_helper_turns", interactionId);
    }

    void answerSent(String interactionId) {
        count("omnichannel_bridge_attendant_answers", interactionId);
    }

    void deliveryFailureRecorded(String interactionId) {
        count("omnichannel_bridge_delivery_failures_recorded", interactionId);
    }

    /** A message that arrived outside the interaction's business hours. */
    void outOfHours(String interactionId) {
        count("omnichannel_bridge_out_of_hours_messages", interactionId);
    }

    /** A person's rating of a resolved ticket, 1 to 5: one counter per interaction and rating. */
    void rating(String interactionId, int rating) {
        counters.computeIfAbsent(List.of("omnichannel_bridge_csat_ratings", interactionId, Integer.toString(rating)),
                key -> registry.counter("omnichannel_bridge_csat_ratings", "interaction", interactionId, "rating",
                        Integer.toString(rating)))
                .increment();
    }

    void answerHeld(String interactionId) {
        count("omnichannel_bridge_answers_held", interactionId);
    }

    void heldAnswerReleased(String interactionId) {
        count("omnichannel_bridge_held_answers_released", interactionId);
    }

    void retry(String interactionId) {
        count("omnichannel_bridge_retries", interactionId);
    }

    private void count(String name, String interactionId) {
        counters.computeIfAbsent(List.of(name, interactionId), key -> registry.counter(name, "interaction", interactionId))
                .increment();
    }
}
