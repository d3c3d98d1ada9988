package omnichannel.bridge.service;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.client.MediaDownloads;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.repository.AttachedFileStore;
import omnichannel.events.Attachment;
import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.interactions.MediaPolicy;

/**
 * The files of a person's message (photos, documents, voice notes), fetched from the provider and attached to the
 * conversation's ticket in 4biz, one by one in the message's order. A file the interaction's policy refuses (type,
 * size), or the provider will not give, becomes a follow-up that says what was received and why it is not attached.
 * Both are keyed by the message and the file's position, so a redelivery or a retry attaches and explains nothing
 * twice; a provider that cannot answer now fails the message, which the ordered consumer retries.
 */
@ApplicationScoped
public class InboundMedia {

    /** File extensions by content type; anything else keeps its type and gets {@code .bin}. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
            Map.entry("image/png", "png"), Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"),
            Map.entry("image/heic", "heic"), Map.entry("application/pdf", "pdf"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/opus", "opus"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"),
            Map.entry("audio/aac", "aac"), Map.entry("audio/amr", "amr"), Map.entry("video/mp4", "mp4"),
            Map.entry("video/3gpp", "3gp"), Map.entry("text/plain", "txt"), Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"));

    private final MediaDownloads downloads;
    private final FourBizClient fourBiz;
    private final TicketService tickets;
    private final BridgeMetrics metrics;
    private final MediaPolicy defaults;
    private final AttachedFileStore attached;

    public InboundMedia(MediaDownloads downloads, FourBizClient fourBiz, TicketService tickets, BridgeMetrics metrics,
            BridgeConfig bridge, AttachedFileStore attached) {
        this.attached = attached;
        this.downloads = downloads;
        this.fourBiz = fourBiz;
        this.tickets = tickets;
        this.metrics = metrics;
        this.defaults = new MediaPolicy(Math.min(bridge.media().maxBytes(), MediaPolicy.MAX_BYTES),
                bridge.media().contentTypes());
    }

    /** Attaches every file of the message to the conversation's open ticket, or explains on it why not. */
    Uni<Void> attach(InternalInteraction interaction, Conversation conversation, InboundMessage message) {
        List<Attachment> files = message.attachments();
        if (files.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        MediaPolicy policy = interaction.mediaPolicy() != null ? interaction.mediaPolicy() : defaults;
        return Multi.createFrom().range(0, files.size())
                .onItem().transformToUniAndConcatenate(index -> attach(interaction, conversation, message, index, policy))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> attach(InternalInteraction interaction, Conversation conversation, InboundMessage message,
            int index, MediaPolicy policy) {
        Attachment file = message.attachments().get(index);
        String ticket = conversation.ticketNumber();
        String key = OriginKeys.attachment(interaction.id(), message.providerMessageId(), index);
        return attached.attached(key).chain(done -> done
                ? Uni.createFrom().voidItem()
                : downloads.fetch(interaction, file.url(), file.contentType(), policy)
                        .chain(media -> fourBiz.addAttachment(new FourBizClient.NewAttachment(ticket,
                                fileName(message, index, media.contentType()),
                                EXTENSIONS.getOrDefault(MediaPolicy.essence(media.contentType()), "bin"),
                                media.content()))
                                .call(() -> attached.record(key, ticket))
                                .invoke(() -> metrics.attachment(interaction.id(), true))
                                .onFailure(e -> e instanceof FourBizException f && f.isPermanent())
                                .transform(e -> new MediaDownloads.Refused("o 4biz recusou o arquivo ("
                                        + refusal((FourBizException) e) + ")")))
                        .onFailure(MediaDownloads.Refused.class).recoverWithUni(refusal -> {
                            Log.infof("file %d of the message not attached to ticket %s: %s interaction=%s "
                                    + "correlationId=%s", index + 1, ticket, refusal.getMessage(), interaction.id(),
                                    message.correlationId());
                            metrics.attachment(interaction.id(), false);
                            return tickets.note(interaction.id(), ticket,
                                    OriginKeys.attachmentRefused(interaction.id(), message.providerMessageId(), index),
                                    refusalText(message, conversation, index, refusal.getMessage()));
                        }));
    }

    private static String refusal(FourBizException e) {
        return e.code() != null ? e.code() : "HTTP " + e.status();
    }

    /** {@code whatsapp-<message id>-<n>.<ext>}: unique on the ticket, and the same on every attempt. */
    static String fileName(InboundMessage message, int index, String contentType) {
        String channel = message.channel() == Channel.WHATSAPP_TWILIO ? "whatsapp" : "x";
        String id = message.providerMessageId().replaceAll("[^A-Za-z0-9_-]", "");
        return channel + "-" + (id.length() > 40 ? id.substring(0, 40) : id) + "-" + (index + 1) + "."
                + EXTENSIONS.getOrDefault(MediaPolicy.essence(contentType), "bin");
    }

    /** What kind of file it is, for the attendant: a voice note is an audio. */
    static String kind(String contentType) {
        String type = MediaPolicy.essence(contentType);
        if (type == null) {
            return "Arquivo";
        }
        return type.startsWith("image/")
                ? "Imagem"
                : type.startsWith("audio/")
                        ? "Áudio"
                        : type.startsWith("video/") ? "Vídeo" : "Documento";
    }

    private static String refusalText(InboundMessage message, Conversation conversation, int index, String reason) {
        Attachment file = message.attachments().get(index);
        String type = MediaPolicy.essence(file.contentType());
        return kind(file.contentType()) + (type == null ? "" : " (" + type + ")") + ", anexo "
                + (index + 1) + " de " + message.attachments().size() + " recebido por "
                + TicketService.channelName(message.channel()) + " de " + TicketService.personName(conversation)
                + " (" + message.sender().id() + "), não foi anexado ao chamado: " + reason + ".";
    }
}
