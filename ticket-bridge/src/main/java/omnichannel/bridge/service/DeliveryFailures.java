package omnichannel.bridge.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.repository.ConversationStore;
import omnichannel.events.DeliveryStatus;
import omnichannel.platform.messaging.PermanentFailure;

/**
 * Writes on the ticket that the person did not get a message, once per message, so the attendant knows. The channel
 * services send one final result per outbound message, by our event id, with the reason in words: the bridge knows no
 * provider's codes. Retried by the ordered consumer while 4biz is away; a permanent refusal dead-letters the result.
 */
@ApplicationScoped
public class DeliveryFailures {

    private final ConversationStore store;
    private final TicketService tickets;
    private final BridgeMetrics metrics;

    public DeliveryFailures(ConversationStore store, TicketService tickets, BridgeMetrics metrics) {
        this.store = store;
        this.tickets = tickets;
        this.metrics = metrics;
    }

    public Uni<Void> handle(DeliveryStatus status) {
        if (!status.state().isFailure() || status.outboundEventId() == null) {
            return Uni.createFrom().voidItem();
        }
        return store.findSent(status.outboundEventId())
                .chain(sent -> {
                    if (sent == null || sent.ticketNumber() == null || sent.failureRecorded()) {
                        return Uni.createFrom().voidItem();
                    }
                    return tickets.note(status.interactionId(), sent.ticketNumber(),
                            OriginKeys.deliveryFailure(sent.eventId()), note(status, sent.text()))
                            .chain(() -> store.failureRecorded(sent.eventId()))
                            .invoke(() -> {
                                metrics.deliveryFailureRecorded(status.interactionId());
                                Log.infof("delivery failure %s recorded on ticket %s interaction=%s",
                                        status.errorCode(), sent.ticketNumber(), status.interactionId());
                            });
                })
                .onFailure(FourBizException.class)
                .transform(e -> ((FourBizException) e).isPermanent() ? new PermanentFailure(e.getMessage(), e) : e);
    }

    private static String note(DeliveryStatus status, String text) {
        String reason = status.errorCode() == null ? "sem código" : status.errorCode();
        String explanation = status.errorMessage() == null ? "" : "\n" + status.errorMessage();
        return "Mensagem NÃO entregue ao solicitante (" + reason + ")." + explanation + "\n\nMensagem:\n" + text;
    }
}
