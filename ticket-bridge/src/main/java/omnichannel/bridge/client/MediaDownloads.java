package omnichannel.bridge.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;

import omnichannel.bridge.config.BridgeConfig;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.interactions.MediaPolicy;
import omnichannel.platform.net.OutboundUrls;
import omnichannel.platform.x.XCredentials;
import omnichannel.platform.x.XSigner;

/**
 * Fetches the files of people's messages from the provider that holds them, with the interaction's credentials:
 * Twilio's media URLs with HTTP Basic (Account SID and Auth Token, as when "HTTP auth on media" is on), X's DM media
 * with OAuth 1.0a user context. Only the provider's media hosts ({@code bridge.media.*-hosts}) are ever asked, for the
 * URL in the message and for every redirect; the credentials go only with the first request (a redirect leads to a
 * CDN's pre-signed URL, which must not see them). Names are resolved and checked as {@link OutboundUrls} does (public
 * addresses, DNS rebinding), the file is read up to the policy's size and no further, and at most
 * {@code bridge.media.concurrent-downloads} files are held in memory at once.
 */
@ApplicationScoped
public class MediaDownloads {

    /** A fetched file. */
    public record Media(byte[] content, String contentType) {
    }

    /**
     * Why a file is not attached, in the attendant's words (Portuguese, no URL, no credentials): written on the ticket
     * and not retried.
     */
    public static final class Refused extends RuntimeException {

        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The provider or our memory budget cannot serve the file now: the message is retried like a 4biz outage. */
    public static final class Unavailable extends RuntimeException {

        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int MAX_REDIRECTS = 3;

    private final HttpClient http;
    private final OutboundUrls urls;
    private final BridgeConfig.Media config;
    private final XSigner signer = new XSigner();
    private final Semaphore slots;

    public MediaDownloads(Vertx vertx, OutboundUrls urls, BridgeConfig bridge) {
        this.urls = urls;
        this.config = bridge.media();
        this.slots = new Semaphore(config.concurrentDownloads());
        // SNI from the URL's host: the connection goes to an address resolved and checked beforehand
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis()).setIdleTimeout(60)
                .setKeepAlive(true).setMaxPoolSize(8).setForceSni(true));
    }

    /**
     * The file at {@code url}, as the provider serves it to this interaction.
     *
     * @param declaredType the content type the message named, checked against the policy before anything is fetched
     * @throws Refused (as the Uni's failure) when the file may not or cannot be attached
     * @throws Unavailable (as the Uni's failure) when trying again later may succeed
     */
    public Uni<Media> fetch(InternalInteraction interaction, String url, String declaredType, MediaPolicy policy) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Uni.createFrom().failure(new Refused("o endereço do arquivo não é válido"));
        }
        if (!fromProvider(interaction.channel(), uri)) {
            return Uni.createFrom().failure(new Refused("o arquivo não está num servidor de mídia do provedor ("
                    + uri.getHost() + ")"));
        }
        if (declaredType != null && !policy.allows(declaredType)) {
            return Uni.createFrom().failure(new Refused(typeRefusal(declaredType)));
        }
        if (!slots.tryAcquire()) {
            return Uni.createFrom().failure(new Unavailable("every media download slot is busy"));
        }
        return get(interaction.channel(), uri, authorization(interaction, uri), declaredType, policy, MAX_REDIRECTS)
                .onTermination().invoke(slots::release);
    }

    /** Whether a URL is on one of the channel's media hosts ({@code host} over https, or {@code host:port}). */
    boolean fromProvider(Channel channel, URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        List<String> hosts = channel == Channel.WHATSAPP_TWILIO ? config.whatsappHosts() : config.twitterHosts();
        return hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).anyMatch(h -> h.contains(":")
                ? h.equals(host + ":" + OutboundUrls.port(uri))
                : h.equals(host) && "https".equals(uri.getScheme()));
    }

    private String authorization(InternalInteraction interaction, URI uri) {
        return switch (interaction.channel()) {
            case WHATSAPP_TWILIO -> interaction.twilioAccountSid() == null || interaction.twilioAuthToken() == null
                    ? null
                    : "Basic " + Base64.getEncoder().encodeToString((interaction.twilioAccountSid() + ":"
                            + interaction.twilioAuthToken()).getBytes(StandardCharsets.UTF_8));
            case TWITTER_DM -> interaction.twitterApiKey() == null || interaction.twitterAccessToken() == null
                    ? null
                    : signer.authorization("GET", uri.toString(), Map.of(), XCredentials.of(interaction));
        };
    }

    private Uni<Media> get(Channel channel, URI uri, String authorization, String declaredType, MediaPolicy policy,
            int redirectsLeft) {
        return Uni.createFrom().item(() -> urls.resolve(uri))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(OutboundUrls.Refused.class)
                .transform(e -> new Refused("o servidor do arquivo não pode ser consultado (" + e.getMessage() + ")"))
                .chain(address -> {
                    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                            .setServer(SocketAddress.inetSocketAddress(OutboundUrls.port(uri), address.getHostAddress()))
                            .setHost(uri.getHost()).setPort(OutboundUrls.port(uri)).setSsl("https".equals(uri.getScheme()))
                            .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                            .setFollowRedirects(false).setTimeout(config.timeout().toMillis());
                    if (authorization != null) {
                        options.putHeader("Authorization", authorization);
                    }
                    return http.request(options).chain(request -> request.send())
                            .onFailure(e -> !(e instanceof Refused))
                            .transform(e -> new Unavailable("media host " + uri.getHost() + ": " + e.getMessage()));
                })
                .chain(response -> answer(channel, uri, response, declaredType, policy, redirectsLeft));
    }

    private Uni<Media> answer(Channel channel, URI uri, HttpClientResponse response, String declaredType, MediaPolicy policy,
            int redirectsLeft) {
        int status = response.statusCode();
        if (status / 100 == 3 && response.getHeader("Location") != null) {
            discard(response);
            URI next = uri.resolve(response.getHeader("Location"));
            if (redirectsLeft == 0) {
                return Uni.createFrom().failure(new Refused("o provedor redirecionou o download vezes demais"));
            }
            if (!fromProvider(channel, next)) {
                return Uni.createFrom().failure(new Refused("o provedor redirecionou o download para fora dos seus "
                        + "servidores de mídia (" + next.getHost() + ")"));
            }
            // a pre-signed URL: the credentials stay with the provider's API
            return get(channel, next, null, declaredType, policy, redirectsLeft - 1);
        }
        if (status == 429 || status / 100 == 5) {
            discard(response);
            return Uni.createFrom().failure(new Unavailable("media host " + uri.getHost() + " answered HTTP " + status));
        }
        if (status / 100 != 2) {
            discard(response);
            return Uni.createFrom().failure(new Refused("o provedor recusou o download (HTTP " + status + ")"));
        }
        String type = response.getHeader("Content-Type") != null ? response.getHeader("Content-Type") : declaredType;
        if (MediaPolicy.essence(type) == null || !policy.allows(type)) {
            discard(response);
            return Uni.createFrom().failure(new Refused(typeRefusal(type)));
        }
        String length = response.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > policy.maxBytes()) {
            discard(response);
            return Uni.createFrom().failure(new Refused(sizeRefusal("tem " + megabytes(Long.parseLong(length)), policy)));
        }
        Buffer body = Buffer.buffer();
        return response.toMulti()
                .invoke(chunk -> {
                    if (body.length() + chunk.length() > policy.maxBytes()) {
                        throw new Refused(sizeRefusal("tem mais de " + megabytes(policy.maxBytes()), policy));
                    }
                    body.appendBuffer(chunk);
                })
                .onFailure(Refused.class).invoke(() -> discard(response))
                .onFailure(e -> !(e instanceof Refused))
                .transform(e -> new Unavailable("media host " + uri.getHost() + ": " + e.getMessage()))
                .collect().last()
                // an empty file is a file: last() then gives null, and the map still runs
                .map(ignored -> new Media(body.getBytes(), MediaPolicy.essence(type)));
    }

    /** Drops the rest of an answer we will not read (closing its connection) without logging the reset as an error. */
    private static void discard(HttpClientResponse response) {
        response.exceptionHandler(ignored -> {
        });
        response.request().reset();
    }

    private static String typeRefusal(String type) {
        return "o tipo de arquivo " + (MediaPolicy.essence(type) == null ? "(desconhecido)" : MediaPolicy.essence(type))
                + " não é aceito por esta interação";
    }

    private static String sizeRefusal(String size, MediaPolicy policy) {
        return "o arquivo " + size + ", acima do limite de " + megabytes(policy.maxBytes()) + " desta interação";
    }

    /** A size as an attendant reads it: bytes below a megabyte, megabytes above (Brazilian separators). */
    static String megabytes(long bytes) {
        Locale brazil = Locale.forLanguageTag("pt-BR");
        return bytes < 1024 * 1024
                ? String.format(brazil, "%,d bytes", bytes)
                : String.format(brazil, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    @PreDestroy
    void close() {
        http.close().await().indefinitely();
    }
}
