package omnichannel.whatsapp.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.twilio.exception.ApiException;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.client.ConfigServiceClient;
import omnichannel.whatsapp.client.TwilioSender;

/** Sends one outbound message once: skips what was already sent, retries what may succeed later, reports failures. */
@ApplicationScoped
public class OutboundService {

    /** Twilio's "slow down" answers: retried later, never reported as a failure. */
    private static final Set<Integer> THROTTLING_CODES = Set.of(20429, 63018);

    private final SendLog log;
    private final ConfigServiceClient interactions;
    private final TwilioSender twilio;
    private final MutinyEmitter<DeliveryStatus> delivery;

    public OutboundService(SendLog log, ConfigServiceClient interactions, TwilioSender twilio,
            @Channel("delivery") MutinyEmitter<DeliveryStatus> delivery) {
        this.log = log;
        this.interactions = interactions;
        this.twilio = twilio;
        this.delivery = delivery;
    }

    @Retry(maxRetries = 30, delay = 500, jitter = 200, maxDuration = 300, durationUnit = ChronoUnit.SECONDS, abortOn = PermanentSendFailure.class)
    @ExponentialBackoff(maxDelay = 30000)
    public Uni<Void> deliver(OutboundMessage message) {
        return log.reserve(message).chain(entry -> {
            if (entry.isSettled()) {
                Log.debugf("outbound %s already %s, not sent again", message.eventId(), entry.status);
                return Uni.createFrom().voidItem();
            }
            return send(message);
        });
    }

    private Uni<Void> send(OutboundMessage message) {
        return interactions.interaction(message.interactionId())
                .chain(interaction -> twilio.send(interaction, new TwilioSender.Outgoing(message.recipient().id(),
                        message.text(), message.mediaUrls(), null)))
                .onFailure(ApiException.class).transform(OutboundService::classify)
                .chain(sid -> log.settle(message.eventId(), SentMessage.QUEUED, sid, null)
                        .invoke(() -> Log.infof("whatsapp sent interaction=%s correlationId=%s sid=%s",
                                message.interactionId(), message.correlationId(), sid))
                        .chain(() -> report(message, sid, DeliveryStatus.State.QUEUED, null, null)))
                .onFailure(PermanentSendFailure.class).recoverWithUni(failure -> {
                    PermanentSendFailure permanent = (PermanentSendFailure) failure;
                    Log.warnf("whatsapp send failed permanently interaction=%s correlationId=%s code=%s",
                            message.interactionId(), message.correlationId(), permanent.code());
                    return log.settle(message.eventId(), SentMessage.FAILED, null, permanent.code())
                            .chain(() -> report(message, null, DeliveryStatus.State.FAILED, permanent.code(),
                                    permanent.getMessage()));
                });
    }

    private static Throwable classify(Throwable failure) {
        ApiException e = (ApiException) failure;
        int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
        boolean throttled = status == 429 || e.getCode() != null && THROTTLING_CODES.contains(e.getCode());
        if (throttled || status >= 500) {
            return e;
        }
        return new PermanentSendFailure(e.getCode() == null ? "HTTP_" + status : e.getCode().toString(), e.getMessage(), e);
    }

    private Uni<Void> report(OutboundMessage message, String sid, DeliveryStatus.State state, String code,
            String reason) {
        DeliveryStatus status = new DeliveryStatus(
                UUID.nameUUIDFromBytes(("send:" + message.eventId()).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Event.SCHEMA_VERSION, Instant.now(), message.interactionId(), message.channel(), message.correlationId(),
                message.eventId(), sid, message.recipient().id(), state, code, reason);
        return delivery.sendMessage(Message.of(status).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(status.conversationKey()).build()));
    }
}
