package omnichannel.bridge.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.repository.SentMessageStore;
import omnichannel.bridge.repository.SentMessageStore.SentRecord;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.OutboundMessage;
import omnichannel.platform.messaging.PermanentFailure;

/**
 * What the channel services report about our messages, written on the ticket the message was about, once per
 * message: an answer WhatsApp's closed window kept from the person is held for their next message
 * ({@link HeldAnswers}); a held answer that went out at last is noted; any other failure is written so the attendant
 * knows the person did not get it. The channel services send one final result per outbound message, by our event id,
 * with the reason in words: the bridge knows no provider's codes. Retried by the ordered consumer while 4biz is away;
 * a permanent refusal dead-letters the result.
 */
@ApplicationScoped
public class DeliveryResults {

    private final SentMessageStore store;
    private final TicketService tickets;
    private final HeldAnswers held;
    private final BridgeMetrics metrics;

    public DeliveryResults(SentMessageStore store, TicketService tickets, HeldAnswers held, BridgeMetrics metrics) {
        this.store = store;
        this.tickets = tickets;
        this.held = held;
        this.metrics = metrics;
    }

    public Uni<Void> handle(DeliveryStatus status) {
        if (status.outboundEventId() == null) {
            return Uni.createFrom().voidItem();
        }
        return store.find(status.outboundEventId())
                .chain(sent -> {
                    // a held answer's result repeated changes nothing: the attendant was told, the release will tell
                    if (sent == null || sent.ticketNumber() == null || sent.held()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (HeldAnswers.isHeldBy(status, sent)) {
                        return held.hold(status, sent);
                    }
                    if (!status.state().isFailure()) {
                        return sent.releaseOf() != null && !sent.releaseNoted()
                                ? held.released(status, sent)
                                : Uni.createFrom().voidItem();
                    }
                    // a survey WhatsApp's window kept out (no CSAT template) is not worth a note on the ticket
                    boolean surveyWithoutTemplate = OutboundMessage.Purpose.CSAT_QUESTION.name().equals(sent.purpose())
                            && DeliveryStatus.WINDOW_CLOSED.equals(status.errorCode());
                    return sent.failureRecorded() || surveyWithoutTemplate
                            ? Uni.createFrom().voidItem()
                            : failed(status, sent);
                })
                .onFailure(FourBizException.class)
                .transform(e -> ((FourBizException) e).isPermanent() ? new PermanentFailure(e.getMessage(), e) : e);
    }

    private Uni<Void> failed(DeliveryStatus status, SentRecord sent) {
        return tickets.note(status.interactionId(), sent.ticketNumber(), OriginKeys.deliveryFailure(sent.eventId()),
                note(status, sent.text()))
                .chain(() -> store.failureRecorded(sent.eventId()))
                .invoke(() -> {
                    metrics.deliveryFailureRecorded(status.interactionId());
                    Log.infof("delivery failure %s recorded on ticket %s interaction=%s", status.errorCode(),
                            sent.ticketNumber(), status.interactionId());
                });
    }

    private static String note(DeliveryStatus status, String text) {
        String reason = status.errorCode() == null ? "sem código" : status.errorCode();
        String explanation = status.errorMessage() == null ? "" : "\n" + status.errorMessage();
        return "Mensagem NÃO entregue ao solicitante (" + reason + ")." + explanation + "\n\nMensagem:\n" + text;
    }
}
