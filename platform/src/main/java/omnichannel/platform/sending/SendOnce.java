package omnichannel.platform.sending;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.OutboundMessage;
import omnichannel.platform.messaging.KeyedPublisher;

/**
 * The send pipeline of every channel service, written once: reserve the event in the service's send log, skip it when
 * it was settled already (a redelivery), send through the provider, record the provider's acceptance, report the
 * result to the bridge. A {@link PermanentSendFailure} is settled as failed and reported; any other failure fails the
 * Uni, for the ordered consumer to retry while it lasts, holding back only this conversation.
 * <p>
 * The acceptance is recorded in place, retried until PostgreSQL takes it, because failing the delivery there would
 * send the message again on the consumer's retry. Only a process that dies between the provider's answer and that
 * record leaves the entry reserved, and the message is then sent again by the next attempt (the duplicate window of
 * README's "Delivery guarantees").
 */
public final class SendOnce {

    /** A channel service's memory of its sends, by outbound event id, in its own table. */
    public interface SendLog {

        /** Reserves the event when it is new; true when it must be sent (new, or reserved and never settled). */
        Uni<Boolean> reserve(OutboundMessage message);

        /** The provider took the message. */
        Uni<Void> accepted(UUID eventId, Accepted accepted);

        /** The provider, or we, refused the message for good. */
        Uni<Void> failed(UUID eventId, PermanentSendFailure failure);
    }

    /**
     * What the provider answered when it took the message.
     *
     * @param providerMessageId Twilio's message sid, X's DM event id
     * @param state what this acceptance means ({@code QUEUED} for Twilio, which reports more later; {@code SENT} for X)
     * @param sentAs how it went out, when the channel has several ways (free text or template); may be null
     */
    public record Accepted(String providerMessageId, DeliveryStatus.State state, String sentAs) {
    }

    private final String channel;
    private final SendLog log;
    private final KeyedPublisher<DeliveryStatus> delivery;

    /** @param channel names the channel in log lines ({@code whatsapp}, {@code x}) */
    public SendOnce(String channel, SendLog log, KeyedPublisher<DeliveryStatus> delivery) {
        this.channel = channel;
        this.log = log;
        this.delivery = delivery;
    }

    /** Sends {@code message} with {@code provider} unless it was sent already; see the class comment. */
    public Uni<Void> deliver(OutboundMessage message, Supplier<Uni<Accepted>> provider) {
        return log.reserve(message).chain(mustSend -> {
            if (!mustSend) {
                Log.debugf("%s outbound %s settled already, not sent again", channel, message.eventId());
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().deferred(provider::get)
                    .chain(accepted -> inPlace(log.accepted(message.eventId(), accepted))
                            .invoke(() -> Log.infof("%s sent interaction=%s correlationId=%s providerId=%s as=%s", channel,
                                    message.interactionId(), message.correlationId(), accepted.providerMessageId(),
                                    accepted.sentAs()))
                            .chain(() -> report(message, accepted.providerMessageId(), accepted.state(), null, null)));
        }).onFailure(PermanentSendFailure.class).recoverWithUni(failure -> {
            PermanentSendFailure permanent = (PermanentSendFailure) failure;
            Log.warnf("%s send failed permanently interaction=%s correlationId=%s code=%s", channel,
                    message.interactionId(), message.correlationId(), permanent.code());
            return log.failed(message.eventId(), permanent)
                    .chain(() -> report(message, null, DeliveryStatus.State.FAILED, permanent.code(), permanent.getMessage()));
        });
    }

    /** The result of one of our messages, for the bridge, keyed like the message (event id always set). */
    public Uni<Void> report(OutboundMessage message, String providerMessageId, DeliveryStatus.State state, String code,
            String reason) {
        return delivery.publish(DeliveryStatus.resultOf(message, providerMessageId, state, code, reason));
    }

    private static Uni<Void> inPlace(Uni<Void> record) {
        return record.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
