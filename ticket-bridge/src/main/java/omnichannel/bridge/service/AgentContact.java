package omnichannel.bridge.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.repository.ContactAuditStore;
import omnichannel.bridge.repository.ConversationStore;
import omnichannel.bridge.repository.IdentityStore;
import omnichannel.bridge.repository.SentMessageStore;
import omnichannel.events.Channel;
import omnichannel.events.ConversationKey;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.rest.ProblemException;

/**
 * An attendant starts the conversation about a ticket, writing only to the ticket's own person (its conversation's,
 * or one whose requester 4biz lists the ticket for): the person's conversation follows the ticket and the contact
 * message, or outside WhatsApp's window the contact template, goes out. Limited per caller and ticket, audited
 * ({@link ContactAuditStore}) with the person only as a keyed hash.
 */
@ApplicationScoped
public class AgentContact {

    private final InteractionDirectory interactions;
    private final ConversationStore store;
    private final SentMessageStore sentMessages;
    private final FourBizClient fourBiz;
    private final KeyedPublisher<OutboundMessage> publisher;
    private final BridgeConfig bridge;
    private final IdentityStore identities;
    private final ContactAuditStore audit;
    private final byte[] auditKey;

    public AgentContact(InteractionDirectory interactions, ConversationStore store, SentMessageStore sentMessages,
            FourBizClient fourBiz,
            KeyedPublisher<OutboundMessage> publisher, BridgeConfig bridge, IdentityStore identities,
            ContactAuditStore audit) {
        this.interactions = interactions;
        this.store = store;
        this.sentMessages = sentMessages;
        this.fourBiz = fourBiz;
        this.publisher = publisher;
        this.bridge = bridge;
        this.identities = identities;
        this.audit = audit;
        this.auditKey = bridge.media().linkKey().map(key -> hmac(key.getBytes(StandardCharsets.UTF_8),
                "contact-audit")).orElse(null);
    }

    /** The request cannot be carried out as asked; the detail says why. */
    public static class Refused extends ProblemException {

        final String outcome;

        Refused(int status, String title, String detail, String outcome) {
            super(status, title, detail);
            this.outcome = outcome;
        }
    }

    /**
     * @param caller who asks (the token's subject), for the audit and the per-caller limit
     * @param requestId the idempotency key: the same id for the same ticket and interaction is one message
     * @param recipientId the person (E.164 number, X user id); null to use the conversation that has the ticket
     * @param text the message inside WhatsApp's window (and on X); null for the default
     */
    public Uni<UUID> contact(String caller, String ticketNumber, String requestId, String interactionId,
            String recipientId, String text) {
        Uni<UUID> contacted = withinLimits(caller, ticketNumber)
                .chain(() -> interactions.interaction(interactionId))
                .chain(interaction -> {
                    if (interaction == null || !interaction.active()) {
                        throw new Refused(404, "Not found", "no active interaction " + interactionId, "NO_INTERACTION");
                    }
                    String identity = recipientId == null ? null : People.identity(interaction.channel(), recipientId);
                    return openTicket(ticketNumber).chain(() -> recipient(interaction, ticketNumber, identity))
                            .chain(target -> contact(interaction, target, ticketNumber, requestId, text));
                });
        return contacted.onItemOrFailure().call((id, failure) -> audit.record(caller, ticketNumber, interactionId,
                recipientHash(recipientId), failure == null
                        ? "SENT"
                        : failure instanceof Refused refused ? refused.outcome : "FAILED"))
                .invoke(id -> Log.infof("agent contact about ticket %s sent interaction=%s", ticketNumber,
                        interactionId));
    }

    private Uni<Void> withinLimits(String caller, String ticketNumber) {
        BridgeConfig.Contact limits = bridge.contact();
        return audit.byCaller(caller, Duration.ofMinutes(1)).chain(byCaller -> {
            if (byCaller >= limits.perCallerPerMinute()) {
                throw new Refused(429, "Too Many Requests", "at most " + limits.perCallerPerMinute()
                        + " contact requests a minute per caller; try again in a minute", "RATE_LIMITED");
            }
            return audit.byTicket(ticketNumber, Duration.ofHours(1));
        }).invoke(byTicket -> {
            if (byTicket >= limits.perTicketPerHour()) {
                throw new Refused(429, "Too Many Requests", "at most " + limits.perTicketPerHour()
                        + " contact requests an hour about one ticket", "RATE_LIMITED");
            }
        }).replaceWithVoid();
    }

    /** The ticket exists in 4biz and is open (a closed ticket gets no new conversation). */
    private Uni<Void> openTicket(String ticketNumber) {
        return fourBiz.ticket(ticketNumber)
                .onFailure(e -> e instanceof FourBizException f && f.isPermanent()).transform(e -> new Refused(404,
                        "Not found", "4biz has no ticket " + ticketNumber, "NO_TICKET"))
                .invoke(ticket -> {
                    if (ticket.statusCode() != null && Conversation.isClosedStatus(ticket.statusCode())) {
                        throw new Refused(409, "Conflict", "ticket " + ticketNumber + " is closed ("
                                + ticket.statusCode() + ")", "TICKET_CLOSED");
                    }
                }).replaceWithVoid();
    }

    /**
     * The conversation to write to: the one of this interaction that has the ticket, or the given person's when the
     * ticket is theirs (their conversation holds it, or 4biz lists it among their requester's tickets).
     */
    private Uni<Conversation> recipient(InternalInteraction interaction, String ticketNumber, String identity) {
        Uni<Conversation> holding = store.findByTicket(ticketNumber)
                .map(c -> c != null && c.interactionId().equals(interaction.id()) ? c : null);
        return holding.chain(known -> {
            if (identity == null) {
                if (known == null) {
                    throw new Refused(400, "Invalid request", "'recipientId' is required: no conversation of "
                            + "interaction " + interaction.id() + " has ticket " + ticketNumber, "NO_RECIPIENT");
                }
                return Uni.createFrom().item(known);
            }
            String key = ConversationKey.of(interaction.id(), identity);
            if (known != null && known.key().equals(key)) {
                return Uni.createFrom().item(known);
            }
            return requestersTicket(interaction, ticketNumber, identity).chain(theirs -> {
                if (!theirs) {
                    throw new Refused(403, "Forbidden", "the recipient is not ticket " + ticketNumber
                            + "'s requester as far as the bridge and 4biz know (its conversation, the requester made "
                            + "for the person, or a colaborador linked to them)", "NOT_THE_REQUESTER");
                }
                return store.conversation(key).map(existing -> existing != null
                        ? existing
                        : new Conversation(key, interaction.id(), interaction.channel(), identity));
            });
        });
    }

    /** Whether 4biz lists the ticket among the tickets of the person's requester (made for them, or linked). */
    private Uni<Boolean> requestersTicket(InternalInteraction interaction, String ticketNumber, String identity) {
        Channel channel = interaction.channel();
        return identities.requester(channel, identity).chain(linked -> {
            Set<String> logins = new LinkedHashSet<>();
            if (linked != null) {
                logins.add(linked);
            }
            logins.add(TicketService.requesterLogin(channel, identity));
            Uni<Boolean> found = Uni.createFrom().item(false);
            for (String login : logins) {
                found = found.chain(already -> already
                        ? Uni.createFrom().item(true)
                        : fourBiz.ticketNumbersOf(login).map(numbers -> numbers.contains(ticketNumber))
                                .onFailure(e -> e instanceof FourBizException f && f.isPermanent())
                                .recoverWithItem(false));
            }
            return found;
        });
    }

    private String recipientHash(String recipientId) {
        if (recipientId == null || auditKey == null) {
            return null;
        }
        return HexFormat.of().formatHex(hmac(auditKey, recipientId.strip()), 0, 16);
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<UUID> contact(InternalInteraction interaction, Conversation conversation, String ticketNumber,
            String requestId, String text) {
        if (conversation.optedOut()) {
            return Uni.createFrom().failure(new Refused(409, "Conflict",
                    "the person opted out of messages on interaction " + interaction.id(), "OPTED_OUT"));
        }
        if (conversation.hasOpenTicket() && !ticketNumber.equals(conversation.ticketNumber())) {
            return Uni.createFrom().failure(new Refused(409, "Conflict", "the person's ticket "
                    + conversation.ticketNumber() + " is open on interaction " + interaction.id(), "OTHER_TICKET_OPEN"));
        }
        Uni<Void> follow = Uni.createFrom().voidItem();
        if (!conversation.hasOpenTicket()) {
            conversation.ticketNumber = ticketNumber;
            conversation.correlationId = "contact-" + ticketNumber;
            // the poller starts after the follow-ups the ticket has already: they are not answers to send now
            follow = fourBiz.occurrences(ticketNumber)
                    .chain(existing -> store.followForContact(conversation, existing.size(),
                            bridge.answers().pollInterval()));
        }
        UUID id = OriginKeys.contact(interaction.id(), ticketNumber, requestId);
        String body = text != null ? text : bridge.texts().contact().replace("{ticket}", ticketNumber);
        OutboundMessage message = Turn.outbound(conversation, id, Purpose.AGENT_CONTACT, body, null,
                conversation.correlationId(), ticketNumber);
        // no message from the person yet: WhatsApp's window is closed, so the contact template goes out
        OutboundMessage withWindow = conversation.lastInboundAt() != null
                ? message
                : new OutboundMessage(message.eventId(), message.schemaVersion(), message.occurredAt(),
                        message.interactionId(), message.channel(), message.correlationId(), message.purpose(),
                        message.recipient(), message.text(), message.mediaUrls(), message.ticketNumber(), Instant.EPOCH,
                        message.templateVariables());
        return follow.chain(() -> publisher.publishInOrder(List.of(withWindow)))
                .chain(() -> sentMessages.record(Turn.sent(conversation, List.of(withWindow))))
                .replaceWith(id)
                .onFailure(ConversationStore.ConcurrentUpdate.class).transform(e -> new Refused(503,
                        "Service Unavailable", "the conversation changed meanwhile; send the same request again",
                        "RETRY"));
    }
}
