package omnichannel.bridge.service;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.conversation.ConversationStore;
import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;

/**
 * Writes on the ticket that the person did not get a message (e.g. WhatsApp's 24-hour window had closed), once per
 * message, so the attendant knows. Channel services report send results by our event id; provider callbacks name only
 * the provider's message id, which an earlier "sent" result linked to the event.
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

    @Retry(maxRetries = 40, delay = 200, jitter = 100, maxDuration = 180, durationUnit = ChronoUnit.SECONDS, abortOn = PermanentFailure.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> handle(DeliveryStatus status) {
        Uni<Void> linked = status.outboundEventId() != null && status.providerMessageId() != null
                ? store.linkProviderMessage(status.outboundEventId(), status.providerMessageId())
                : Uni.createFrom().voidItem();
        if (!status.state().isFailure() || decidedByTheChannel(status)) {
            return linked;
        }
        return linked.chain(() -> store.findSent(status.outboundEventId(), status.providerMessageId()))
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

    /**
     * Twilio's late "outside the 24-hour window" callback: channel-whatsapp resends the message as a template, or
     * reports WINDOW_CLOSED itself (with our event id) when it cannot; recording the callback too would say it twice.
     */
    private static boolean decidedByTheChannel(DeliveryStatus status) {
        return status.outboundEventId() == null && status.channel() == Channel.WHATSAPP_TWILIO
                && "63016".equals(status.errorCode());
    }

    private static String note(DeliveryStatus status, String text) {
        String reason = status.errorCode() == null
                ? "sem código"
                : status.errorCode() + (status.errorMessage() == null ? "" : " - " + status.errorMessage());
        String hint = "WINDOW_CLOSED".equals(status.errorCode())
                ? "\nA janela de 24 horas do WhatsApp está fechada: o solicitante precisa escrever antes de receber respostas livres."
                : "";
        return "Mensagem NÃO entregue ao solicitante (" + reason + ")." + hint + "\n\nMensagem:\n" + text;
    }
}
