package omnichannel.platform.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;

class XDirectMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    static String dm(String id, String sender, String text) {
        return """
                {"type":"message_create","id":"%s","created_timestamp":"1763726400000",
                 "message_create":{"target":{"recipient_id":"3001"},"sender_id":"%s","source_app_id":"268278",
                   "message_data":{"text":"%s","entities":{"hashtags":[],"urls":[]}}}}
                """.formatted(id, sender, text);
    }

    static String delivery(String... events) {
        return """
                {"for_user_id":"3001","direct_message_events":[%s],
                 "users":{"4002":{"id":"4002","name":"Joana Lima","screen_name":"joanalima"},
                          "3001":{"id":"3001","name":"Suporte","screen_name":"suporte"}}}
                """.formatted(String.join(",", events));
    }

    private static List<InboundMessage> normalise(String body) throws Exception {
        JsonNode root = JSON.readTree(body);
        return XDirectMessages.normalise("x-1", "3001", root, NOW);
    }

    @Test
    void aDirectMessageBecomesAnInboundMessageWithTheSendersNames() throws Exception {
        List<InboundMessage> messages = normalise(delivery(dm("1460000000000000001", "4002", "Minha senha expirou")));

        assertThat(messages).hasSize(1);
        InboundMessage message = messages.get(0);
        assertThat(message.channel()).isEqualTo(Channel.TWITTER_DM);
        assertThat(message.providerMessageId()).isEqualTo("1460000000000000001");
        assertThat(message.correlationId()).isEqualTo("1460000000000000001");
        assertThat(message.text()).isEqualTo("Minha senha expirou");
        assertThat(message.sender().id()).isEqualTo("4002");
        assertThat(message.sender().displayName()).isEqualTo("Joana Lima");
        assertThat(message.sender().handle()).isEqualTo("joanalima");
        assertThat(message.recipientId()).isEqualTo("3001");
        assertThat(message.occurredAt()).isEqualTo(Instant.ofEpochMilli(1763726400000L));
        assertThat(message.receivedAt()).isEqualTo(NOW);
        assertThat(message.conversationKey()).isEqualTo("x-1:4002");
        assertThat(message.raw().get("event").get(0)).contains("1460000000000000001");
    }

    @Test
    void mediaAndQuickRepliesAreKept() throws Exception {
        String event = """
                {"type":"message_create","id":"77","created_timestamp":"1763726400000",
                 "message_create":{"target":{"recipient_id":"3001"},"sender_id":"4002",
                   "message_data":{"text":"Opção 2 https://t.co/x",
                     "attachment":{"type":"media","media":{"id":"9","media_url_https":"https://ton.twitter.com/i/1.jpg","type":"photo"}},
                     "quick_reply_response":{"type":"options","metadata":"opcao-2"}}}}
                """;
        InboundMessage message = normalise(delivery(event)).get(0);

        assertThat(message.attachments()).singleElement().satisfies(a -> {
            assertThat(a.url()).isEqualTo("https://ton.twitter.com/i/1.jpg");
            assertThat(a.contentType()).isEqualTo("image/jpeg");
        });
        assertThat(message.quickReply().payload()).isEqualTo("opcao-2");
    }

    @Test
    void theAccountsOwnMessagesAndOtherEventKindsGiveNothing() throws Exception {
        String echoAndTyping = """
                {"for_user_id":"3001","direct_message_events":[%s],
                 "direct_message_indicate_typing_events":[{"created_timestamp":"1","sender_id":"4002","target":{"recipient_id":"3001"}}],
                 "direct_message_mark_read_events":[{"created_timestamp":"1","sender_id":"4002"}]}
                """
                .formatted(dm("88", "3001", "Recebemos sua mensagem"));
        assertThat(normalise(echoAndTyping)).isEmpty();
        assertThat(normalise("{\"for_user_id\":\"3001\",\"tweet_create_events\":[{\"id_str\":\"1\"}]}")).isEmpty();
        assertThat(normalise("{\"for_user_id\":\"3001\",\"direct_message_indicate_typing_events\":[{}]}")).isEmpty();
    }

    @Test
    void theXActivityApiEnvelopeCarriesTheSameEvents() throws Exception {
        String activity = """
                {"data":{"event_type":"dm.received","filter":{"user_id":"3001"},
                  "payload":{"direct_message_events":[%s],"users":{"4002":{"id":"4002","name":"Joana Lima","screen_name":"joanalima"}}}}}
                """
                .formatted(dm("99", "4002", "pelo envelope novo"));
        List<InboundMessage> messages = normalise(activity);

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("pelo envelope novo");
            assertThat(m.sender().handle()).isEqualTo("joanalima");
        });
        // the echo filter uses the envelope's filter.user_id
        assertThat(normalise(activity.replace("\"sender_id\":\"4002\"", "\"sender_id\":\"3001\""))).isEmpty();
    }

    @Test
    void anEventWithoutIdOrSenderIsRefused() {
        assertThatThrownBy(() -> normalise(delivery(dm("1", "4002", "x").replace("\"id\":\"1\",", ""))))
                .isInstanceOf(XDirectMessages.InvalidEvent.class);
        assertThatThrownBy(() -> normalise("[1,2]")).isInstanceOf(XDirectMessages.InvalidEvent.class);
    }
}
