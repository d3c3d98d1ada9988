package omnichannel.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.service.ConversationService.Keyword;
import omnichannel.events.Channel;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;

/** The bridge's pure decisions, without Quarkus or servers: keywords, ratings, keys and what an opt-out lets out. */
class ConversationDecisionsTest {

    private static final List<String> OPT_OUT = List.of("SAIR", "PARAR", "STOP");
    private static final List<String> OPT_IN = List.of("VOLTAR", "START");

    @Test
    void aKeywordIsTheWholeMessageInAnyCaseAndNothingElse() {
        assertThat(ConversationService.keyword("sair", OPT_OUT, OPT_IN)).isEqualTo(Keyword.OPT_OUT);
        assertThat(ConversationService.keyword("  Parar \n", OPT_OUT, OPT_IN)).isEqualTo(Keyword.OPT_OUT);
        assertThat(ConversationService.keyword("VOLTAR", OPT_OUT, OPT_IN)).isEqualTo(Keyword.OPT_IN);
        assertThat(ConversationService.keyword("quero sair da lista", OPT_OUT, OPT_IN)).isEqualTo(Keyword.NONE);
        assertThat(ConversationService.keyword("", OPT_OUT, OPT_IN)).isEqualTo(Keyword.NONE);
        assertThat(ConversationService.keyword("S".repeat(21), List.of("S".repeat(21)), OPT_IN)).isEqualTo(Keyword.NONE);
    }

    @Test
    void aRatingIsOneDigitFromOneToFiveAlone() {
        assertThat(ConversationService.rating("4")).isEqualTo(4);
        assertThat(ConversationService.rating(" 5\n")).isEqualTo(5);
        assertThat(ConversationService.rating("1")).isEqualTo(1);
        assertThat(ConversationService.rating("0")).isNull();
        assertThat(ConversationService.rating("6")).isNull();
        assertThat(ConversationService.rating("45")).isNull();
        assertThat(ConversationService.rating("nota 4")).isNull();
        assertThat(ConversationService.rating("")).isNull();
    }

    @Test
    void originKeysAreTheSameForTheSameMessageAndDifferForEverythingElse() {
        String ticket = OriginKeys.ticket("int-1", "SM1");
        assertThat(ticket).startsWith("OCT-").hasSize(36).isEqualTo(OriginKeys.ticket("int-1", "SM1"));
        assertThat(List.of(ticket, OriginKeys.ticket("int-2", "SM1"), OriginKeys.ticket("int-1", "SM2"),
                OriginKeys.followUp("int-1", "SM1"), OriginKeys.attachment("int-1", "SM1", 0),
                OriginKeys.attachment("int-1", "SM1", 1), OriginKeys.attachmentRefused("int-1", "SM1", 0),
                OriginKeys.rating("int-1", "SM1"))).doesNotHaveDuplicates();
        assertThat(OriginKeys.reply("int-1", "SM1", 0)).isEqualTo(OriginKeys.reply("int-1", "SM1", 0))
                .isNotEqualTo(OriginKeys.reply("int-1", "SM1", 1));
        UUID held = UUID.randomUUID();
        assertThat(OriginKeys.release(held)).isEqualTo(OriginKeys.release(held));
    }

    @Test
    void afterAnOptOutOnlyTheConfirmationGoesOut() {
        Conversation conversation = new Conversation("int-1:+5511912345678", "int-1", Channel.WHATSAPP_TWILIO,
                "+5511912345678");
        List<OutboundMessage> replies = List.of(
                Turn.outbound(conversation, UUID.randomUUID(), Purpose.TICKET_ACKNOWLEDGEMENT, "Chamado aberto", List.of(),
                        "c-1"),
                Turn.outbound(conversation, UUID.randomUUID(), Purpose.OPT_OUT_CONFIRMATION, "Você não receberá mais",
                        List.of(), "c-1"));

        assertThat(Turn.deliverable(conversation, replies)).hasSize(2);
        conversation.optOut(true);
        assertThat(Turn.deliverable(conversation, replies)).extracting(OutboundMessage::purpose)
                .containsExactly(Purpose.OPT_OUT_CONFIRMATION);
    }

    @Test
    void aRatingIsAwaitedOnlyUntilItsDeadlineAndNotFromAnOptedOutPerson() {
        Conversation conversation = new Conversation("int-1:+5511912345678", "int-1", Channel.WHATSAPP_TWILIO,
                "+5511912345678");
        Instant now = Instant.now();
        conversation.ticketNumber = "4521";
        conversation.csatUntil = now.plus(Duration.ofHours(24));

        assertThat(conversation.awaitsRating(now)).isTrue();
        assertThat(conversation.awaitsRating(now.plus(Duration.ofHours(25)))).isFalse();
        conversation.optOut(true);
        assertThat(conversation.awaitsRating(now)).isFalse();
    }
}
