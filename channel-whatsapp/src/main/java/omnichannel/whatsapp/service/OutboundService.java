package omnichannel.whatsapp.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.twilio.exception.ApiException;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.TwilioStatusCallback;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.OrderedProcessor;
import omnichannel.platform.sending.PermanentSendFailure;
import omnichannel.platform.sending.SendOnce;
import omnichannel.platform.twilio.TwilioRetries;
import omnichannel.whatsapp.SentMessage;
import omnichannel.whatsapp.client.SenderRateLimiter;
import omnichannel.whatsapp.client.TwilioSender;

/** Sends one outbound message once: skips what was already sent, retries what may succeed later, reports failures. */
@ApplicationScoped
public class OutboundService {

    /** Free-form messages are allowed this long after the person's last message. */
    static final Duration CUSTOMER_SERVICE_WINDOW = Duration.ofHours(24);
    /** Our reason code when the interaction was deleted before its message could be sent. */
    public static final String INTERACTION_GONE = "INTERACTION_GONE";
    /** Our reason code when a message cannot be sent because the window is closed and there is no template. */
    public static final String WINDOW_CLOSED = DeliveryStatus.WINDOW_CLOSED;

    /** What the attendant reads on the ticket when the window was closed and there is no template. */
    static final String WINDOW_CLOSED_EXPLANATION = "A janela de 24 horas do WhatsApp está fechada e a interação não "
            + "tem modelo aprovado: o solicitante precisa escrever antes de receber respostas livres.";
    /** Twilio's "outside the 24-hour window" error, when it arrives in a status callback rather than on the send. */
    private static final String WINDOW_CLOSED_CODE = "63016";

    /** Twilio's "slow down" answers: retried later, never reported as a failure. */
    private static final Set<Integer> THROTTLING_CODES = Set.of(20429, 63018);

    /**
     * Twilio's dates have whole seconds and its clock is not ours: a message created up to this long before an
     * attempt's reservation may still be that attempt's.
     */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(60);

    private final SendLog log;
    private final InteractionDirectory interactions;
    private final TwilioSender twilio;
    private final SenderRateLimiter limiter;
    private final StatusTracker tracker;
    private final SendOnce sendOnce;

    public OutboundService(SendLog log, InteractionDirectory interactions, TwilioSender twilio, SenderRateLimiter limiter,
            KeyedPublisher<DeliveryStatus> delivery, StatusTracker tracker) {
        this.log = log;
        this.interactions = interactions;
        this.twilio = twilio;
        this.limiter = limiter;
        this.tracker = tracker;
        this.sendOnce = new SendOnce("whatsapp", log, delivery);
    }

    /**
     * Sends the message unless it was sent already ({@link SendOnce}). A transient failure (Twilio 5xx or throttling,
     * config-service or PostgreSQL away) fails the Uni: the ordered consumer retries it for as long as it lasts,
     * holding back only this conversation. A permanent refusal is settled as failed and reported to the bridge.
     */
    public Uni<Void> deliver(OutboundMessage message) {
        return sendOnce.deliver(message, () -> send(message), reservedAt -> earlierSend(message, reservedAt));
    }

    /**
     * The Twilio message an earlier attempt sent for this event when its answer never got recorded (the process died,
     * or the answer was lost on the way), or null. Twilio has no idempotency key for messages, so this asks Twilio's
     * list for the newest messages from the interaction's number to the person: one created since the reservation,
     * with this event's text (any text for a template, which Twilio renders), that is no other entry's message is this
     * event's. Sends to one person go one at a time (the ordered consumer), so no other send of ours can be in flight
     * to them. A Twilio that refuses the list (4xx: a key without read rights, a stand-in without it) means sending
     * again, as without this look-up; a Twilio in trouble fails the attempt, to be retried.
     */
    private Uni<SendOnce.Accepted> earlierSend(OutboundMessage message, Instant reservedAt) {
        return interactions.interaction(message.interactionId()).chain(interaction -> {
            if (interaction == null) {
                return Uni.createFrom().nullItem();
            }
            TwilioSender.Outgoing outgoing = outgoing(message, interaction);
            String sentAs = outgoing.contentSid() == null ? SentMessage.TEXT : SentMessage.TEMPLATE;
            Instant since = reservedAt.minus(CLOCK_TOLERANCE);
            return twilio.recent(interaction, message.recipient().id())
                    .onFailure(OutboundService::listRefused).recoverWithItem(failure -> {
                        Log.warnf("whatsapp cannot list Twilio's messages (%s): outbound %s sent again",
                                failure.getMessage(), message.eventId());
                        return List.of();
                    })
                    .map(recent -> recent.stream()
                            .filter(candidate -> candidate.createdAt() != null && !candidate.createdAt().isBefore(since))
                            .filter(candidate -> outgoing.contentSid() != null
                                    || textOf(candidate.body()).equals(textOf(outgoing.body())))
                            .toList())
                    .chain(candidates -> log.known(candidates.stream().map(TwilioSender.Recent::sid).toList())
                            .map(known -> candidates.stream()
                                    .filter(candidate -> !known.contains(candidate.sid()))
                                    .min(Comparator.comparing(TwilioSender.Recent::createdAt))
                                    .map(found -> new SendOnce.Accepted(found.sid(), DeliveryStatus.State.QUEUED, sentAs))
                                    .orElse(null)));
        });
    }

    private static boolean listRefused(Throwable failure) {
        return failure instanceof ApiException e && e.getStatusCode() != null && e.getStatusCode() >= 400
                && e.getStatusCode() < 500 && e.getStatusCode() != 429;
    }

    /** The message's text as far as it was kept for its template (an event needs one), else a placeholder. */
    private static String textOf(Map<String, String> fields) {
        String excerpt = fields.get("answerExcerpt");
        return excerpt == null || excerpt.isEmpty() ? "(template)" : excerpt;
    }

    private static String textOf(String body) {
        return body == null ? "" : body;
    }

    private Uni<SendOnce.Accepted> send(OutboundMessage message) {
        return interactions.interaction(message.interactionId())
                .onItem().ifNull().failWith(() -> new PermanentSendFailure(INTERACTION_GONE, "the interaction was deleted"))
                .chain(interaction -> {
                    TwilioSender.Outgoing outgoing = outgoing(message, interaction);
                    String sentAs = outgoing.contentSid() == null ? SentMessage.TEXT : SentMessage.TEMPLATE;
                    // after the wait for the sender's rate, and right before Twilio: still this pod's record?
                    return sendPaced(interaction, outgoing)
                            .map(sid -> new SendOnce.Accepted(sid, DeliveryStatus.State.QUEUED, sentAs))
                            // Twilio may also refuse free text at once with 63016 (our clock said the window was open)
                            .onFailure(OutboundService::windowClosedNow).recoverWithUni(failure -> {
                                if (outgoing.contentSid() != null || !hasTemplate(message, interaction)) {
                                    return Uni.createFrom().failure(
                                            new PermanentSendFailure(WINDOW_CLOSED, WINDOW_CLOSED_EXPLANATION));
                                }
                                return sendPaced(interaction, template(message, interaction, outgoing.statusCallback()))
                                        .map(sid -> new SendOnce.Accepted(sid, DeliveryStatus.State.QUEUED,
                                                SentMessage.TEMPLATE));
                            })
                            .onFailure(ApiException.class).transform(OutboundService::classify);
                });
    }

    /** After the wait for the sender's rate, and right before Twilio: still this pod's record? */
    private Uni<String> sendPaced(InternalInteraction interaction, TwilioSender.Outgoing outgoing) {
        return limiter.acquire(interaction.whatsappNumber(), interaction.messagesPerSecond())
                .chain(OrderedProcessor::stillOwned)
                .chain(() -> twilio.send(interaction, outgoing));
    }

    private static boolean windowClosedNow(Throwable failure) {
        return failure instanceof ApiException e && e.getCode() != null
                && WINDOW_CLOSED_CODE.equals(e.getCode().toString());
    }

    /**
     * Free text inside WhatsApp's 24-hour customer-service window; outside it the interaction's approved template
     * with the message's variables, or no send at all ({@code WINDOW_CLOSED}) when there is no template.
     */
    private TwilioSender.Outgoing outgoing(OutboundMessage message, InternalInteraction interaction) {
        // the fragment asks Twilio to retry the callback when the gateway answers 503
        URI statusCallback = interaction.callbackUrl() == null
                ? null
                : URI.create(TwilioRetries.asked(interaction.callbackUrl() + "/status"));
        boolean windowOpen = message.lastInboundAt() == null
                || message.lastInboundAt().isAfter(Instant.now().minus(CUSTOMER_SERVICE_WINDOW));
        if (windowOpen) {
            return new TwilioSender.Outgoing(message.recipient().id(), message.text(), message.mediaUrls(), null, null,
                    statusCallback);
        }
        if (!hasTemplate(message, interaction)) {
            throw new PermanentSendFailure(WINDOW_CLOSED, WINDOW_CLOSED_EXPLANATION);
        }
        return template(message, interaction, statusCallback);
    }

    /**
     * The approved template instead of the text: the interaction's template for the message's purpose, its variables
     * filled as configured; else the interaction's single template with the message's numbered variables.
     */
    private static TwilioSender.Outgoing template(OutboundMessage message, InternalInteraction interaction,
            URI statusCallback) {
        PurposeTemplate own = purposeTemplate(message, interaction);
        Map<String, String> fields = templateFields(message);
        if (own != null) {
            return new TwilioSender.Outgoing(message.recipient().id(), null, List.of(), own.contentSid(),
                    SendLog.json(own.fill(fields)), statusCallback);
        }
        Map<String, String> numbered = new TreeMap<>();
        fields.forEach((name, value) -> {
            if (name.chars().allMatch(Character::isDigit)) {
                numbered.put(name, value);
            }
        });
        return new TwilioSender.Outgoing(message.recipient().id(), null, List.of(), interaction.templateContentSid(),
                SendLog.json(numbered), statusCallback);
    }

    private static PurposeTemplate purposeTemplate(OutboundMessage message, InternalInteraction interaction) {
        return interaction.templates() == null ? null : interaction.templates().get(message.purpose().name());
    }

    private static boolean hasTemplate(OutboundMessage message, InternalInteraction interaction) {
        return purposeTemplate(message, interaction) != null || interaction.templateContentSid() != null;
    }

    /**
     * What a template's variables can carry, from the message: its numbered variables as the bridge gave them
     * ({@code "1"}: the ticket), and the named fields of {@link PurposeTemplate#FIELDS}. Kept with the send, so a
     * late 63016 fills the template from the same values.
     */
    static Map<String, String> templateFields(OutboundMessage message) {
        Map<String, String> fields = new TreeMap<>(message.templateVariables());
        if (message.ticketNumber() != null) {
            fields.putIfAbsent("ticketNumber", message.ticketNumber());
        }
        String name = message.recipient().displayName();
        fields.putIfAbsent("personName", name == null ? "" : name);
        String text = message.text();
        fields.putIfAbsent("answerExcerpt", text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) : text);
        return fields;
    }

    /** The longest excerpt of a text a template variable may carry (Twilio's limit for a variable is 1,024). */
    private static final int MAX_EXCERPT = 1000;

    /**
     * Twilio reported 63016 after accepting a free-form message: the window had closed. Handled like a closed window
     * at send time: the approved template goes out instead (once), or the failure is reported as {@code WINDOW_CLOSED}.
     */
    private Uni<Void> windowClosedLater(SentMessage sent) {
        Map<String, String> fields = SendLog.parseTemplate(sent.templateVariables());
        UUID retryId = UUID.nameUUIDFromBytes(("template:" + sent.eventId()).getBytes(StandardCharsets.UTF_8));
        OutboundMessage templated = new OutboundMessage(retryId, Event.SCHEMA_VERSION, Instant.now(),
                sent.interactionId(), Channel.WHATSAPP_TWILIO, sent.send().correlationId(),
                sent.purpose() == null
                        ? OutboundMessage.Purpose.ATTENDANT_ANSWER
                        : OutboundMessage.Purpose.valueOf(sent.purpose()),
                new Participant(sent.recipient(), null, null, null), textOf(fields), List.of(), null, Instant.EPOCH,
                fields);
        return interactions.interaction(sent.interactionId()).chain(interaction -> {
            if (!hasTemplate(templated, interaction)) {
                return sendOnce.report(sent.send(), sent.providerMessageId(), DeliveryStatus.State.FAILED,
                        WINDOW_CLOSED, WINDOW_CLOSED_EXPLANATION);
            }
            // its result is the original's: the bridge knows that one, and holds its text for the next message
            return sendOnce.deliver(templated, sent.send(), () -> send(templated),
                    reservedAt -> earlierSend(templated, reservedAt));
        });
    }

    /**
     * A Twilio status callback (published by the gateway): its status history is kept; a late 63016 on a free-form
     * message sends the approved template instead; any other failure is our message's final result, reported to the
     * bridge by our event id. Callbacks for messages that are not ours change nothing.
     */
    public Uni<Void> statusCallback(TwilioStatusCallback callback) {
        if (callback.providerMessageId() == null) {
            return Uni.createFrom().voidItem();
        }
        return tracker.record(callback).chain(sent -> {
            if (sent == null || !callback.state().isFailure()) {
                return Uni.createFrom().voidItem();
            }
            if (WINDOW_CLOSED_CODE.equals(callback.errorCode()) && !sent.sentAsTemplate()) {
                return windowClosedLater(sent);
            }
            return sendOnce.report(sent.send(), sent.providerMessageId(), callback.state(), callback.errorCode(),
                    callback.errorMessage());
        });
    }

    /**
     * Twilio's answer as a transient failure (kept, for a retry) or a permanent one. The SDK turns an I/O failure (no
     * connection, a reset, a timeout) into an {@code ApiException} without a status: no answer at all, so transient.
     */
    private static Throwable classify(Throwable failure) {
        ApiException e = (ApiException) failure;
        if (e.getStatusCode() == null) {
            return e;
        }
        int status = e.getStatusCode();
        boolean throttled = status == 429 || e.getCode() != null && THROTTLING_CODES.contains(e.getCode());
        if (throttled || status >= 500) {
            return e;
        }
        return new PermanentSendFailure(e.getCode() == null ? "HTTP_" + status : e.getCode().toString(), e.getMessage(), e);
    }
}
