package omnichannel.bridge.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.interactions.InternalInteraction;

/**
 * The person's rating of a resolved ticket (the question follows the resolved notice, {@code AttendantAnswers}):
 * written on the ticket as a follow-up, counted per interaction and rating, and thanked. The follow-up's
 * {@code numberOrigin} derives from the message, so a redelivery writes it once.
 */
@ApplicationScoped
public class Satisfaction {

    private final TicketService tickets;
    private final BridgeConfig bridge;
    private final BridgeMetrics metrics;

    public Satisfaction(TicketService tickets, BridgeConfig bridge, BridgeMetrics metrics) {
        this.tickets = tickets;
        this.bridge = bridge;
        this.metrics = metrics;
    }

    Uni<Void> record(InternalInteraction interaction, Conversation conversation, Turn turn, int rating) {
        String ticket = conversation.ticketNumber();
        return tickets.note(interaction.id(), ticket,
                OriginKeys.rating(interaction.id(), turn.message().providerMessageId()),
                "Avaliação do atendimento pelo solicitante: " + rating + " de 5.")
                // a ticket 4biz no longer takes follow-ups on still counts the rating
                .onFailure(e -> e instanceof FourBizException f && f.isPermanent()).recoverWithUni(refusal -> {
                    Log.warnf("4biz refused the rating on ticket %s, counted only interaction=%s: %s", ticket,
                            interaction.id(), refusal.getMessage());
                    return Uni.createFrom().voidItem();
                })
                .invoke(() -> {
                    metrics.rating(interaction.id(), rating);
                    conversation.rated();
                    turn.reply(Purpose.TICKET_NOTICE, bridge.texts().csatThanks(), null);
                    Log.infof("rating %d recorded on ticket %s interaction=%s", rating, ticket, interaction.id());
                });
    }
}
