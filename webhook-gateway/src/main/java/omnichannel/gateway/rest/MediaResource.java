package omnichannel.gateway.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import omnichannel.gateway.client.BridgeMediaApi;
import omnichannel.gateway.config.GatewayConfig;
import omnichannel.platform.media.MediaLinkSignature;
import omnichannel.platform.rest.ProblemException;

/**
 * Files attendants attached in 4biz, at the signed, expiring, single-use links the bridge puts in outbound messages
 * (Twilio fetches {@code MediaUrl} from here). Nothing is listed and nothing is cached: a well-formed, unexpired link
 * is handed to the bridge, which checks its signature, spends it and reads the file from 4biz. The public side
 * refuses malformed and expired links itself, so they never reach the bridge.
 */
@Path("/media/{id}")
public class MediaResource {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern EXPIRES = Pattern.compile("\\d{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** Files (up to 16 MB each) held at once while relayed; more get 503 and are asked again by the provider. */
    private final Semaphore relays = new Semaphore(2);

    private final BridgeMediaApi bridge;
    private final MediaLinkSignature signatures;
    private final int perAddressPerMinute;
    /** One bucket per client address, forgotten after ten idle minutes; bounded so that many addresses cost little. */
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public MediaResource(@RestClient BridgeMediaApi bridge, GatewayConfig config) {
        this.bridge = bridge;
        this.signatures = new MediaLinkSignature(config.mediaLinkKey().orElse(null));
        this.perAddressPerMinute = config.mediaPerAddressPerMinute();
    }

    /** A packaged gateway without the links' key refuses to start rather than relay every forged link to the bridge. */
    void check(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL && !signatures.usable()) {
            throw new IllegalStateException("cannot start: MEDIA_LINK_KEY must be the bridge's key for attendants' "
                    + "file links (at least 32 characters)");
        }
    }

    @GET
    @Operation(summary = "An attendant's file, once, through a signed link that expires")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "403", description = "The signature does not match")
    @APIResponse(responseCode = "404", description = "Not a link")
    @APIResponse(responseCode = "410", description = "The link expired or was used")
    public Uni<Response> file(@PathParam("id") String id, @QueryParam("e") String expires,
            @QueryParam("s") String signature, @Context HttpServerRequest request) {
        String address = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!buckets.get(address, ignored -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(perAddressPerMinute).refillGreedy(perAddressPerMinute, Duration.ofMinutes(1)).build())
                .build()).tryConsume(1)) {
            throw new TooMany();
        }
        if (!ID.matcher(id).matches() || expires == null || !EXPIRES.matcher(expires).matches() || signature == null
                || !SIGNATURE.matcher(signature).matches()) {
            throw new NotFound("link");
        }
        if (Long.parseLong(expires) < Instant.now().getEpochSecond()) {
            throw gone();
        }
        // checked before a relay slot is taken: a forged link costs a hash, never a slot or a call to the bridge
        if (!signatures.matches(UUID.fromString(id), Long.parseLong(expires), signature)) {
            throw new ProblemException(403, "Forbidden", "the link's signature does not match");
        }
        if (!relays.tryAcquire()) {
            return Uni.createFrom().item(Response.status(503).header("Retry-After", "5").build());
        }
        return bridge.file(id, expires, signature)
                // the bridge's refusals (403, 404, 410) are answers to pass on, as problem bodies
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> ((WebApplicationException) e).getResponse())
                .map(answer -> {
                    if (answer.getStatus() == 200) {
                        // an attendant's file on our public origin: a download, never a page that runs (text/html,
                        // SVG), whatever type 4biz gives it
                        return Response.ok(answer.readEntity(byte[].class), answer.getMediaType())
                                .header("Cache-Control", "no-store").header("Content-Disposition", "attachment")
                                .header("X-Content-Type-Options", "nosniff")
                                .header("Content-Security-Policy", "sandbox; default-src 'none'").build();
                    }
                    // the bridge's refusals, in our own words: its body is not relayed
                    switch (answer.getStatus()) {
                        case 403 -> throw new ProblemException(403, "Forbidden", "the link's signature does not match");
                        case 404 -> throw new NotFound("link");
                        case 410 -> throw gone();
                        default -> Log.warnf("the bridge answered %d for a media link", answer.getStatus());
                    }
                    return Response.status(503).header("Retry-After", "5").build();
                })
                .onTermination().invoke(relays::release);
    }

    /** 429 with the wait the address's bucket needs (a minute at most). */
    static final class TooMany extends ProblemException {

        TooMany() {
            super(429, "Too Many Requests", "too many file requests from this address; try again in a minute");
        }
    }

    private static ProblemException gone() {
        return new ProblemException(410, "Gone", "the link expired or was used");
    }
}
