package omnichannel.platform.sending;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.platform.messaging.KeyedPublisher;

/**
 * The send pipeline of every channel service, written once: reserve the event in the service's send log, skip it when
 * it was settled already (a redelivery), send through the provider, record the acceptance, report the result to the
 * bridge; a {@link PermanentSendFailure} is settled as failed and reported, any other failure fails the Uni for the
 * ordered consumer to retry (docs/delivery-guarantees.md says what may still go out twice, and why).
 */
public final class SendOnce {

    /** A channel service's memory of its sends, by outbound event id, in its own table. */
    public interface SendLog {

        /** Reserves the event when it is new; says whether it was settled already or reserved by an earlier attempt. */
        Uni<Reservation> reserve(OutboundMessage message);

        /** The provider took the message. */
        Uni<Void> accepted(UUID eventId, Accepted accepted);

        /** The provider, or we, refused the message for good. */
        Uni<Void> failed(UUID eventId, PermanentSendFailure failure);
    }

    /**
     * What the send log holds for an event when an attempt starts.
     *
     * @param settled the provider answered an earlier attempt (accepted or refused): nothing to send
     * @param earlierAttemptAt when an earlier attempt reserved the event without settling it, whose send may have
     *        reached the provider; null for a new event
     */
    public record Reservation(boolean settled, Instant earlierAttemptAt) {

        public static Reservation fresh() {
            return new Reservation(false, null);
        }

        public static Reservation settledAlready() {
            return new Reservation(true, null);
        }

        public static Reservation unsettledSince(Instant reservedAt) {
            return new Reservation(false, reservedAt);
        }
    }

    /**
     * What the provider answered when it took the message.
     *
     * @param providerMessageId Twilio's message sid, X's DM event id
     * @param state what this acceptance means ({@code QUEUED} for Twilio, which reports more later; {@code SENT} for X)
     * @param sentAs how it went out, when the channel has several ways ({@code TEXT} or
     *        {@link DeliveryStatus#SENT_AS_TEMPLATE}); reported to the bridge; may be null
     */
    public record Accepted(String providerMessageId, DeliveryStatus.State state, String sentAs) {
    }

    /**
     * The send a result is about, as the bridge knows it: read from the outbound event, or from a channel's send log
     * when a provider's callback reports on it later.
     *
     * @param correlationId the outbound event's correlation id (its event id when it had none)
     */
    public record Sent(UUID eventId, String interactionId, Channel channel, String correlationId, String recipientId) {

        public static Sent of(OutboundMessage message) {
            return new Sent(message.eventId(), message.interactionId(), message.channel(), message.correlationId(),
                    message.recipient().id());
        }
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
        return deliver(message, provider, reservedAt -> Uni.createFrom().nullItem());
    }

    /**
     * Sends {@code message} with {@code provider} unless it was sent already. An event an earlier attempt reserved and
     * never settled (a process killed between the provider's answer and the record, an answer lost on the way) may
     * have reached the provider: it is first looked for with {@code earlierSend} (the message that attempt sent, or
     * null) and sent again only when not found. The acceptance is recorded in place, retried until PostgreSQL takes
     * it: failing the delivery there would send the message again.
     */
    public Uni<Void> deliver(OutboundMessage message, Supplier<Uni<Accepted>> provider,
            Function<Instant, Uni<Accepted>> earlierSend) {
        return deliver(message, Sent.of(message), provider, earlierSend);
    }

    /**
     * Sends {@code message}, a stand-in the channel made for {@code reportedAs} (WhatsApp's template after a late
     * 63016), and reports its result as {@code reportedAs}'s, the send the bridge knows.
     */
    public Uni<Void> deliver(OutboundMessage message, Sent reportedAs, Supplier<Uni<Accepted>> provider,
            Function<Instant, Uni<Accepted>> earlierSend) {
        return log.reserve(message).chain(reservation -> {
            if (reservation.settled()) {
                Log.debugf("%s outbound %s settled already, not sent again", channel, message.eventId());
                return Uni.createFrom().voidItem();
            }
            Uni<Accepted> sent = reservation.earlierAttemptAt() == null
                    ? Uni.createFrom().deferred(provider::get)
                    : earlierSend.apply(reservation.earlierAttemptAt()).chain(found -> {
                        if (found == null) {
                            return Uni.createFrom().deferred(provider::get);
                        }
                        Log.infof("%s outbound %s reached the provider on an earlier attempt (%s), not sent again",
                                channel, message.eventId(), found.providerMessageId());
                        return Uni.createFrom().item(found);
                    });
            return sent
                    .chain(accepted -> inPlace(log.accepted(message.eventId(), accepted))
                            .invoke(() -> Log.infof("%s sent interaction=%s correlationId=%s providerId=%s as=%s", channel,
                                    message.interactionId(), message.correlationId(), accepted.providerMessageId(),
                                    accepted.sentAs()))
                            .chain(() -> delivery.publish(result(reportedAs, accepted.providerMessageId(),
                                    accepted.state(), null, null, accepted.sentAs()))));
        }).onFailure(PermanentSendFailure.class).recoverWithUni(failure -> {
            PermanentSendFailure permanent = (PermanentSendFailure) failure;
            Log.warnf("%s send failed permanently interaction=%s correlationId=%s code=%s", channel,
                    message.interactionId(), message.correlationId(), permanent.code());
            return log.failed(message.eventId(), permanent)
                    .chain(() -> report(reportedAs, null, DeliveryStatus.State.FAILED, permanent.code(),
                            permanent.getMessage()));
        });
    }

    /**
     * The result of one of our sends, for the bridge.
     *
     * @param reason what the attendant should read on the ticket, in words (never a secret)
     */
    public Uni<Void> report(Sent sent, String providerMessageId, DeliveryStatus.State state, String code,
            String reason) {
        return delivery.publish(result(sent, providerMessageId, state, code, reason, null));
    }

    /**
     * Its id derives from the send and the state, so a repeated report is recognisably the same event; a template
     * sent after the text was accepted is another result of the same send.
     */
    private static DeliveryStatus result(Sent sent, String providerMessageId, DeliveryStatus.State state,
            String errorCode, String reason, String sentAs) {
        UUID id = UUID.nameUUIDFromBytes(("result:" + sent.eventId() + ":" + state
                + (DeliveryStatus.SENT_AS_TEMPLATE.equals(sentAs) ? ":" + DeliveryStatus.SENT_AS_TEMPLATE : ""))
                .getBytes(StandardCharsets.UTF_8));
        return new DeliveryStatus(id, Event.SCHEMA_VERSION, Instant.now(), sent.interactionId(), sent.channel(),
                sent.correlationId(), sent.eventId(), providerMessageId, sent.recipientId(), state, errorCode, reason,
                sentAs);
    }

    private static Uni<Void> inPlace(Uni<Void> record) {
        return record.onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
    }
}
