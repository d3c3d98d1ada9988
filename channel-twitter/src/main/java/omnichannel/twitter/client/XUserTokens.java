package omnichannel.twitter.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.smallrye.mutiny.Uni;

import omnichannel.platform.interactions.InternalApi;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.x.XAccessToken;
import omnichannel.platform.x.XCredentials;

/**
 * The user context an interaction's X calls carry: its OAuth 1.0a tokens, or, in the Activity API mode, the account's
 * OAuth 2.0 access token from config-service (which holds the refresh token and refreshes it under a lock). A token is
 * kept here until a minute before it expires.
 */
@ApplicationScoped
public class XUserTokens {

    /** The account must be connected again (never connected, revoked, refused by X): nothing to retry. */
    public static class NotConnected extends RuntimeException {

        NotConnected(String message) {
            super(message, null, false, false);
        }
    }

    private final InternalApi config;
    private final Map<String, XAccessToken> tokens = new ConcurrentHashMap<>();

    public XUserTokens(@RestClient InternalApi config) {
        this.config = config;
    }

    public Uni<XAuth> auth(InternalInteraction interaction) {
        if (!interaction.activityApi()) {
            return Uni.createFrom().item(XAuth.oauth1(XCredentials.of(interaction)));
        }
        return accessToken(interaction.id()).map(XAuth::bearer);
    }

    /** The account's OAuth 2.0 access token; fails with {@link NotConnected} when there is none to be had. */
    public Uni<String> accessToken(String interactionId) {
        XAccessToken held = tokens.get(interactionId);
        if (held != null && held.validFor(60)) {
            return Uni.createFrom().item(held.accessToken());
        }
        return config.xAccessToken(interactionId)
                .onFailure(WebApplicationException.class).transform(e -> {
                    int status = ((WebApplicationException) e).getResponse().getStatus();
                    return status == 409 || status == 404
                            ? new NotConnected("the X account of interaction " + interactionId
                                    + " must be connected (again) in the console")
                            : e;
                })
                .invoke(token -> tokens.put(interactionId, token))
                .map(XAccessToken::accessToken);
    }

    /** X refused the token (401): the next call asks config-service again. */
    public void invalidate(String interactionId) {
        tokens.remove(interactionId);
    }
}
