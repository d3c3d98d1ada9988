package omnichannel.config.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.XAuthorization;
import omnichannel.config.XGrant;
import omnichannel.config.client.OnBehalfCalls;
import omnichannel.config.client.XOAuthClient;
import omnichannel.config.client.XOAuthClient.GrantRefused;
import omnichannel.config.config.OmnichannelConfig;
import omnichannel.config.repository.InteractionRepository;
import omnichannel.config.repository.XAuthorizationRepository;
import omnichannel.config.repository.XGrantRepository;
import omnichannel.config.secrets.SecretBox;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.x.XAccessToken;

/**
 * An X account connected to its interaction with OAuth 2.0, Authorization Code with PKCE (docs/x-activity-api.md):
 * the admin starts it ({@link #start}: state and S256 challenge, the state bound to the admin), X sends them back
 * ({@link #complete}: the code exchanged with the verifier, the account checked against the interaction's), and the
 * tokens live here, sealed like every secret. channel-twitter asks for an access token ({@link #accessToken}); the
 * refresh happens here, under a row lock, and its rotated refresh token is committed before the new access token is
 * handed out: two replicas never spend the same refresh token, and a crash never loses the only valid one. A grant X
 * refuses or revokes marks the interaction as needing a new connection; nothing retries it.
 */
@ApplicationScoped
// created at start, so its gauge is scraped (as 0) before the first connection
@Startup
public class XConnections {

    private static final String VERIFIER = "x.codeVerifier";
    private static final String ACCESS = "x.accessToken";
    private static final String REFRESH = "x.refreshToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where to send the admin, and until when the authorization can come back. */
    public record Started(String authorizationUrl, Instant expiresAt) {
    }

    /** What an admin may see of a connection: never a token. */
    public record Status(String status, String xUserId, String scope, Instant accessTokenExpiresAt, String reason,
            String connectedBy, Instant updatedAt) {

        static final Status NOT_CONNECTED = new Status("NOT_CONNECTED", null, null, null, null, null, null);
    }

    /** The account is not connected, or must be connected again: 409, sends of this interaction stop. */
    public static class NotConnected extends ProblemException {

        public NotConnected(String detail) {
            super(409, "X account not connected", detail);
        }
    }

    private final InteractionRepository interactions;
    private final XGrantRepository grants;
    private final XAuthorizationRepository authorizations;
    private final InteractionService audit;
    private final XOAuthClient x;
    private final SecretBox secrets;
    private final OmnichannelConfig.XOAuth2 config;
    private final AtomicLong needingReconnect = new AtomicLong();

    public XConnections(InteractionRepository interactions, XGrantRepository grants,
            XAuthorizationRepository authorizations, InteractionService audit, XOAuthClient x, SecretBox secrets,
            OmnichannelConfig config, MeterRegistry metrics) {
        this.interactions = interactions;
        this.grants = grants;
        this.authorizations = authorizations;
        this.audit = audit;
        this.x = x;
        this.secrets = secrets;
        this.config = config.xOauth2();
        // a strong reference: the gauge lives as long as the registry, whatever holds this bean
        Gauge.builder("omnichannel.x.connections.needing.reconnect", needingReconnect,
                AtomicLong::get).strongReference(true)
                .description("X interactions whose account must be connected again (revoked, or refused by X)")
                .register(metrics);
    }

    /** A new authorization for {@code subject} (the admin): the URL of X's authorization page. */
    public Uni<Started> start(String interactionId, String subject) {
        return Panache.withTransaction(() -> activityApiInteraction(interactionId).chain(interaction -> {
            String verifier = random();
            String state = random();
            XAuthorization pending = new XAuthorization();
            pending.stateHash = sha256Hex(state);
            pending.interactionId = interaction.id;
            pending.subject = subject;
            pending.codeVerifier = secrets.seal(verifier, interaction.id, VERIFIER);
            pending.expiresAt = Instant.now().plus(config.authorizationTimeout());
            String url = config.authorizeUrl() + "?response_type=code&client_id="
                    + OnBehalfCalls.segment(interaction.twitterClientId)
                    + "&redirect_uri=" + OnBehalfCalls.segment(config.redirectUri()) + "&scope="
                    + OnBehalfCalls.segment(config.scopes())
                    + "&state=" + state + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
            return authorizations.deleteExpired().chain(() -> authorizations.persist(pending))
                    .map(saved -> new Started(url, pending.expiresAt));
        }));
    }

    /**
     * X sent the admin back with {@code state} and {@code code} (or {@code error}): the tokens, once the state is
     * known, fresh and the same admin's. The interaction's id, for the page to go back to.
     */
    public Uni<String> complete(String state, String code, String error, String subject) {
        return complete(state, code, error, subject, null);
    }

    /** The same, refused when the authorization is not for {@code expectedInteractionId} (when not null). */
    public Uni<String> complete(String state, String code, String error, String subject,
            String expectedInteractionId) {
        if (state == null || state.isBlank() || state.length() > 500) {
            return Uni.createFrom().failure(ProblemException.badRequest("the callback has no state"));
        }
        // the authorization is used up whatever happens next: a replayed callback finds nothing
        Uni<XAuthorization> taken = Panache.withTransaction(() -> authorizations.findById(sha256Hex(state))
                .call(found -> found == null ? Uni.createFrom().nullItem() : authorizations.delete(found)));
        return taken.chain(pending -> {
            if (pending == null || pending.expiresAt.isBefore(Instant.now())) {
                throw ProblemException.badRequest("this authorization is unknown or expired: start it again");
            }
            if (expectedInteractionId != null && !expectedInteractionId.equals(pending.interactionId)) {
                throw ProblemException.badRequest("this authorization is for another interaction");
            }
            if (!pending.subject.equals(subject)) {
                throw ProblemException.forbidden("this authorization was started by another person");
            }
            if (error != null) {
                throw new NotConnected("X did not authorize the app: " + error.replaceAll("[^a-z_]", ""));
            }
            if (code == null || code.isBlank()) {
                throw ProblemException.badRequest("the callback has no code");
            }
            String verifier = secrets.open(pending.codeVerifier, pending.interactionId, VERIFIER);
            return Panache.withSession(() -> activityApiInteraction(pending.interactionId))
                    .chain(interaction -> x.exchange(client(interaction), code, verifier, config.redirectUri())
                            .chain(tokens -> x.me(tokens.accessToken())
                                    .chain(me -> save(interaction.id, tokens, me.getString("id"), subject))))
                    .replaceWith(pending.interactionId);
        });
    }

    private Uni<Void> save(String interactionId, XOAuthClient.Tokens tokens, String xUserId, String subject) {
        return Panache.withTransaction(() -> interactions.findLive(interactionId).chain(interaction -> {
            if (interaction == null) {
                throw ProblemException.notFound("interaction " + interactionId);
            }
            if (interaction.twitterUserId != null && !interaction.twitterUserId.equals(xUserId)) {
                throw new NotConnected("the account authorized at X (user id " + xUserId
                        + ") is not the interaction's (" + interaction.twitterUserId
                        + "): log in to X as the interaction's account and connect again");
            }
            return grants.lock(interactionId).chain(existing -> {
                XGrant grant = existing != null ? existing : new XGrant();
                grant.interactionId = interactionId;
                grant.status = XGrant.Status.CONNECTED;
                seal(grant, tokens);
                grant.xUserId = xUserId;
                grant.reason = null;
                grant.connectedBy = subject;
                grant.updatedAt = Instant.now();
                // an Account Activity interaction moves to the Activity API in this one action: its old subscription
                // keeps delivering until the new one exists (channel-twitter), so no DM is lost in between
                boolean moved = interaction.twitterDeliveryMode != DeliveryMode.ACTIVITY_API;
                if (moved) {
                    interaction.twitterDeliveryMode = DeliveryMode.ACTIVITY_API;
                    interaction.updatedAt = Instant.now();
                }
                return grants.persist(grant).chain(() -> interactions.flush()).chain(() -> audit.connectionChanged(
                        interaction, subject, moved ? "twitter.connection,twitter.deliveryMode" : "twitter.connection"));
            });
        })).invoke(() -> Log.infof("X account connected interaction=%s", interactionId))
                .chain(ignored -> countNeedingReconnect()).replaceWithVoid();
    }

    /**
     * A usable access token: the stored one, or a fresh one when it is about to expire. The refresh runs with the grant
     * locked; the rotated refresh token is committed before the access token leaves.
     */
    public Uni<XAccessToken> accessToken(String interactionId) {
        return Panache.withTransaction(() -> grants.lock(interactionId).chain(grant -> {
            if (grant == null) {
                throw new NotConnected("the X account of interaction " + interactionId + " was never connected");
            }
            if (grant.status != XGrant.Status.CONNECTED) {
                throw new NotConnected("the X account must be connected again: " + grant.reason);
            }
            if (grant.expiresAt != null && Instant.now().plus(config.refreshMargin()).isBefore(grant.expiresAt)) {
                return Uni.createFrom().item(new Outcome(token(grant), null));
            }
            return interactions.findLive(interactionId).chain(interaction -> {
                if (interaction == null) {
                    throw ProblemException.notFound("interaction " + interactionId);
                }
                String refresh = secrets.open(grant.refreshToken, interactionId, REFRESH);
                if (refresh == null) {
                    return refused(grant, interaction, "the access token expired and X gave no refresh token "
                            + "(offline.access not granted)");
                }
                return x.refresh(client(interaction), refresh).chain(tokens -> {
                    seal(grant, tokens);
                    grant.updatedAt = Instant.now();
                    return grants.persist(grant).map(saved -> new Outcome(token(grant), null));
                }).onFailure(GrantRefused.class).recoverWithUni(refused -> refused(grant, interaction,
                        refused.getMessage()));
            });
        })).chain(outcome -> {
            if (outcome.refused() != null) {
                // committed above: thrown only now, so the mark is saved rather than rolled back
                return countNeedingReconnect().chain(() -> Uni.createFrom().failure(outcome.refused()));
            }
            return Uni.createFrom().item(outcome.token());
        });
    }

    private record Outcome(XAccessToken token, NotConnected refused) {
    }

    private Uni<Outcome> refused(XGrant grant, Interaction interaction, String why) {
        markNeedsReconnect(grant, why);
        Log.warnf("X grant refused interaction=%s: %s", grant.interactionId, why);
        return grants.persist(grant).chain(() -> audit.connectionChanged(interaction, "x", "twitter.connection"))
                .map(saved -> new Outcome(null, new NotConnected("the X account must be connected again: " + why)));
    }

    /** X said the account revoked the app ({@code oauth.revoke}): no token is handed out until it is connected again. */
    public Uni<Void> revoked(String interactionId, String actor) {
        return Panache.withTransaction(() -> grants.lock(interactionId).chain(grant -> {
            if (grant == null || grant.status == XGrant.Status.NEEDS_RECONNECT) {
                return Uni.createFrom().voidItem();
            }
            markNeedsReconnect(grant, "the account revoked the app's access at X");
            Log.warnf("X grant revoked interaction=%s", interactionId);
            return grants.persist(grant).chain(() -> interactions.findLive(interactionId))
                    .call(interaction -> interaction == null
                            ? Uni.createFrom().nullItem()
                            : audit.connectionChanged(interaction, actor, "twitter.connection"))
                    .replaceWithVoid();
        })).chain(() -> countNeedingReconnect()).replaceWithVoid();
    }

    public Uni<Status> status(String interactionId) {
        return Panache.withSession(() -> grants.findById(interactionId)).map(grant -> grant == null
                ? Status.NOT_CONNECTED
                : new Status(grant.status.name(), grant.xUserId, grant.scope, grant.expiresAt, grant.reason,
                        grant.connectedBy, grant.updatedAt));
    }

    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshGauge() {
        return countNeedingReconnect().replaceWithVoid();
    }

    private Uni<Long> countNeedingReconnect() {
        return Panache.withSession(grants::needingReconnect).invoke(needingReconnect::set);
    }

    private static void markNeedsReconnect(XGrant grant, String why) {
        grant.status = XGrant.Status.NEEDS_RECONNECT;
        grant.accessToken = null;
        grant.refreshToken = null;
        grant.reason = why;
        grant.updatedAt = Instant.now();
    }

    private void seal(XGrant grant, XOAuthClient.Tokens tokens) {
        grant.accessToken = secrets.seal(tokens.accessToken(), grant.interactionId, ACCESS);
        grant.refreshToken = secrets.seal(tokens.refreshToken(), grant.interactionId, REFRESH);
        grant.expiresAt = tokens.expiresAt();
        if (tokens.scope() != null) {
            grant.scope = tokens.scope();
        }
    }

    private XAccessToken token(XGrant grant) {
        return new XAccessToken(secrets.open(grant.accessToken, grant.interactionId, ACCESS), grant.expiresAt);
    }

    private XOAuthClient.Client client(Interaction interaction) {
        return new XOAuthClient.Client(interaction.twitterClientId, secrets.open(interaction.twitterClientSecret,
                interaction.id, InteractionService.CLIENT_SECRET));
    }

    private Uni<Interaction> activityApiInteraction(String interactionId) {
        return interactions.findLive(interactionId).map(interaction -> {
            if (interaction == null) {
                throw ProblemException.notFound("interaction " + interactionId);
            }
            if (interaction.channel != Channel.TWITTER_DM || interaction.twitterDeliveryMode == DeliveryMode.POLLING
                    || interaction.twitterClientId == null) {
                throw ProblemException.conflict("only an X interaction in the ACTIVITY_API or ACCOUNT_ACTIVITY mode, "
                        + "with the X app's OAuth 2.0 Client ID, connects an account with OAuth 2.0");
            }
            return interaction;
        });
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
    static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
