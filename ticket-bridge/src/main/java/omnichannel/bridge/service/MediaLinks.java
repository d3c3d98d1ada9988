package omnichannel.bridge.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizCapabilities;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.repository.MediaLinkStore;
import omnichannel.platform.interactions.MediaPolicy;
import omnichannel.platform.media.MediaLinkSignature;
import omnichannel.platform.rest.ProblemException;

/**
 * Links to the files attendants attach to their answers in 4biz, for a provider to fetch when it sends the answer
 * (Twilio's {@code MediaUrl}): {@code <gateway>/media/<id>?e=<expiry>&s=<HMAC-SHA256(id.expiry)>}. A link names one
 * file (no listing), works until its expiry and only once, and the file is read from 4biz at that moment (nothing is
 * copied). The gateway checks the signature (it holds the key too) and asks the bridge ({@code /internal/v1/media}).
 * Link ids derive from the ticket, the follow-up and the file, so an answer polled again after a crash names the same
 * links.
 */
@ApplicationScoped
public class MediaLinks {

    private final MediaLinkStore store;
    private final FourBizClient fourBiz;
    private final BridgeConfig.Media config;
    private final String baseUrl;
    private final MediaLinkSignature signature;

    public MediaLinks(MediaLinkStore store, FourBizClient fourBiz, BridgeConfig bridge,
            @ConfigProperty(name = "omnichannel.public-base-url") String baseUrl) {
        this.store = store;
        this.fourBiz = fourBiz;
        this.config = bridge.media();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.signature = new MediaLinkSignature(config.linkKey().orElse(null));
    }

    /** A packaged bridge without a usable key refuses to start rather than send links nobody can open. */
    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && !signature.usable()) {
            throw new IllegalStateException("cannot start: MEDIA_LINK_KEY must be a secret of at least 32 characters "
                    + "(it signs the links to attendants' files)");
        }
    }

    /** A file served through a link. */
    public record File(String contentType, byte[] content) {
    }

    /**
     * Links to the follow-up's files, in their order (the same ones when asked again); files too big for one, and
     * files this 4biz gives no way to read (the optional attachment read is off or absent), named.
     */
    record Links(List<String> urls, List<String> tooBig, List<String> unreadable) {
    }

    /**
     * A file above {@link MediaPolicy#MAX_BYTES} gets no link: it would be held whole in memory by the bridge and the
     * gateway, and no provider takes it (Twilio's WhatsApp media stop at 16 MB); the answer names it instead.
     */
    Uni<Links> links(Conversation conversation, FourBizClient.Occurrence occurrence) {
        if (!fourBiz.capabilities().usable(FourBizCapabilities.Capability.ATTACHMENT_READ)) {
            return Uni.createFrom().item(new Links(List.of(), List.of(),
                    occurrence.attachments().stream().map(MediaLinks::name).toList()));
        }
        List<FourBizClient.TicketAttachment> linked = occurrence.attachments().stream()
                .filter(file -> file.size() <= MediaPolicy.MAX_BYTES).toList();
        List<String> tooBig = occurrence.attachments().stream().filter(file -> file.size() > MediaPolicy.MAX_BYTES)
                .map(MediaLinks::name).toList();
        if (linked.isEmpty()) {
            return Uni.createFrom().item(new Links(List.of(), tooBig, List.of()));
        }
        Instant expires = Instant.now().plus(config.linkLifetime());
        return Multi.createFrom().iterable(linked)
                .onItem().transformToUniAndConcatenate(file -> {
                    // one link per conversation: two conversations on one ticket never share (or spend) a link
                    UUID id = UUID.nameUUIDFromBytes(String.join("\n", "media", conversation.key(),
                            conversation.ticketNumber(), occurrence.id(), file.id()).getBytes(StandardCharsets.UTF_8));
                    // a link minted before (a poll repeated after a crash) keeps its expiry: the URL signs it
                    return store.mint(id, conversation.interactionId(), conversation.ticketNumber(), file.id(), expires,
                            conversation.key()).map(stored -> url(id, stored.getEpochSecond()));
                })
                .collect().asList().map(urls -> new Links(urls, tooBig, List.of()));
    }

    private static String name(FourBizClient.TicketAttachment file) {
        return file.fileName() == null ? file.id() : file.fileName();
    }

    /** The link's id when {@code url} is one of ours (an attendant's file), else empty. */
    static Optional<UUID> idOf(String url) {
        int at = url.indexOf("/media/");
        if (at < 0) {
            return Optional.empty();
        }
        int end = url.indexOf('?', at);
        try {
            return Optional.of(UUID.fromString(url.substring(at + "/media/".length(), end < 0 ? url.length() : end)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Fresh links to the files behind {@code ids}, for a held answer sent again as {@code release}: the first links may
     * have expired (the person wrote days later) or been fetched with the template that went out instead. Each new id
     * derives from the old one and the release, so a release repeated names the same links; a link purged or erased
     * meanwhile has no file left to name and is skipped.
     */
    Uni<List<String>> renewed(List<UUID> ids, UUID release) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant expires = Instant.now().plus(config.linkLifetime());
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(old -> {
                    UUID id = UUID.nameUUIDFromBytes(String.join("\n", "media-release", old.toString(), release.toString())
                            .getBytes(StandardCharsets.UTF_8));
                    return store.renew(id, old, expires).map(stored -> stored == null
                            ? null
                            : url(id,
                                    stored.getEpochSecond()));
                })
                .collect().asList().map(urls -> urls.stream().filter(Objects::nonNull).toList());
    }

    String url(UUID id, long expiresEpochSecond) {
        return baseUrl + "/media/" + id + "?e=" + expiresEpochSecond + "&s=" + signature(id, expiresEpochSecond);
    }

    /**
     * The file behind a link, once: 403 when the signature does not match, 410 when the link expired or was used, 404
     * when unknown. The link is spent only after 4biz gave the file, so a 4biz outage does not burn it.
     */
    public Uni<File> open(UUID id, long expiresEpochSecond, String signature) {
        if (!this.signature.matches(id, expiresEpochSecond, signature)) {
            return Uni.createFrom().failure(new ProblemException(403, "Forbidden", "the link's signature does not match"));
        }
        if (Instant.now().getEpochSecond() > expiresEpochSecond) {
            return Uni.createFrom().failure(gone());
        }
        return store.find(id)
                .chain(link -> {
                    if (link == null) {
                        return Uni.createFrom().failure(new ProblemException(404, "Not found", "no such link"));
                    }
                    if (link.used() || link.expiresAt().isBefore(Instant.now())) {
                        return Uni.createFrom().failure(gone());
                    }
                    return fourBiz.attachment(link.ticketNumber(), link.attachmentId())
                            .onFailure(e -> e instanceof FourBizException f && f.isPermanent())
                            .transform(e -> new ProblemException(404, "Not found", "the file is no longer in 4biz"))
                            .chain(file -> store.spend(id).map(spent -> {
                                if (!spent) {
                                    throw gone();
                                }
                                return new File(file.contentType() == null
                                        ? "application/octet-stream"
                                        : file.contentType(), file.content());
                            }));
                });
    }

    /**
     * Links a day past their expiry are deleted: they open nothing and name a person's file. A held answer's links stay
     * until it is sent again: they say which files to send with it ({@link #renewed}).
     */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return store.purgeExpired()
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("deleted %d expired media links", deleted);
                    }
                })
                .replaceWithVoid();
    }

    private static ProblemException gone() {
        return new ProblemException(410, "Gone", "the link expired or was used");
    }

    private String signature(UUID id, long expiresEpochSecond) {
        return signature.sign(id, expiresEpochSecond);
    }
}
