package omnichannel.simulators.x;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.vertx.core.json.JsonObject;

/**
 * X's OAuth 2.0 endpoints (fundamentals/authentication/oauth-2-0): the authorization page a person approves,
 * {@code POST /2/oauth2/token} (authorization_code with PKCE, refresh_token with rotation), {@code POST
 * /2/oauth2/revoke}, and {@code GET /2/users/me} for the token's account.
 */
@Path("/")
public class XOAuth2Resource {

    private static final Set<String> SCOPES = Set.of("tweet.read", "tweet.write", "users.read", "offline.access",
            "dm.read", "dm.write", "media.write", "like.read", "follows.read", "mute.read", "block.read");

    private final XGrants grants;
    private final XAccount account;

    public XOAuth2Resource(XGrants grants, XAccount account) {
        this.grants = grants;
        this.account = account;
    }

    /** The page where the account's person approves the app: the parameters checked, a button to authorize. */
    @GET
    @Path("i/oauth2/authorize")
    @Produces(MediaType.TEXT_HTML)
    public Response authorize(@QueryParam("response_type") String responseType, @QueryParam("client_id") String clientId,
            @QueryParam("redirect_uri") String redirectUri, @QueryParam("scope") String scope,
            @QueryParam("state") String state, @QueryParam("code_challenge") String challenge,
            @QueryParam("code_challenge_method") String method) {
        String problem = !"code".equals(responseType)
                ? "response_type must be code"
                : !grants.knownClient(clientId)
                        ? "unknown client_id"
                        : redirectUri == null || !redirectUri.matches("https?://.+")
                                ? "redirect_uri is required"
                                : state == null || state.length() > 500
                                        ? "state is required (up to 500 characters)"
                                        : challenge == null || challenge.isBlank()
                                                ? "code_challenge is required"
                                                : !("S256".equals(method) || "plain".equals(method))
                                                        ? "code_challenge_method must be S256 or plain"
                                                        : scope == null || !SCOPES.containsAll(List.of(scope.split(" ")))
                                                                ? "unknown scope"
                                                                : null;
        if (problem != null) {
            return Response.status(400).entity("<!DOCTYPE html><title>X</title><p id=\"error\">" + problem + "</p>")
                    .build();
        }
        String hidden = hidden("redirect_uri", redirectUri) + hidden("scope", scope) + hidden("state", state)
                + hidden("code_challenge", challenge) + hidden("code_challenge_method", method);
        return Response.ok("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Authorize app - X</title></head>"
                + "<body><h1>@" + account.screenName + ": authorize the app?</h1><p id=\"scopes\">" + escape(scope)
                + "</p><form method=\"post\" action=\"/i/oauth2/authorize/approve\">" + hidden
                + "<button type=\"submit\" id=\"authorize-app\">Authorize app</button></form>"
                + "<form method=\"post\" action=\"/i/oauth2/authorize/deny\">" + hidden("redirect_uri", redirectUri)
                + hidden("state", state) + "<button type=\"submit\" id=\"cancel\">Cancel</button></form></body></html>")
                .build();
    }

    @POST
    @Path("i/oauth2/authorize/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@FormParam("redirect_uri") String redirectUri, @FormParam("scope") String scope,
            @FormParam("state") String state, @FormParam("code_challenge") String challenge,
            @FormParam("code_challenge_method") String method) {
        String code = grants.issueCode(redirectUri, challenge, method, new LinkedHashSet<>(List.of(scope.split(" "))));
        return Response.status(302).location(URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?")
                + "state=" + encode(state) + "&code=" + code)).build();
    }

    @POST
    @Path("i/oauth2/authorize/deny")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deny(@FormParam("redirect_uri") String redirectUri, @FormParam("state") String state) {
        return Response.status(302).location(URI.create(redirectUri + (redirectUri.contains("?") ? "&" : "?")
                + "state=" + encode(state) + "&error=access_denied")).build();
    }

    @POST
    @Path("2/oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        boolean client = authorization != null
                ? grants.validClient(authorization)
                : grants.knownClient(form.getFirst("client_id"));
        if (!client) {
            return oauthError(401, "invalid_client");
        }
        Map<String, Object> tokens = switch (String.valueOf(form.getFirst("grant_type"))) {
            case "authorization_code" -> grants.redeem(form.getFirst("code"), form.getFirst("redirect_uri"),
                    form.getFirst("code_verifier"));
            case "refresh_token" -> grants.refresh(form.getFirst("refresh_token"));
            default -> Map.of("unsupported", true);
        };
        if (tokens == null) {
            return oauthError(400, "invalid_grant");
        }
        if (tokens.containsKey("unsupported")) {
            return oauthError(400, "unsupported_grant_type");
        }
        return Response.ok(new JsonObject(tokens).encode()).build();
    }

    @POST
    @Path("2/oauth2/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@FormParam("token") String token) {
        grants.revoke(token);
        return Response.ok(new JsonObject().put("revoked", true).encode()).build();
    }

    @GET
    @Path("2/users/me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(@HeaderParam("Authorization") String authorization) {
        XGrants.Access access = authorization != null && authorization.startsWith("Bearer ")
                ? grants.access(authorization.substring(7))
                : null;
        if (access == null || !access.scopes().contains("users.read")) {
            return Response.status(401).entity(new JsonObject().put("title", "Unauthorized").put("status", 401)
                    .put("detail", "Unauthorized").encode()).build();
        }
        return Response.ok(new JsonObject().put("data", new JsonObject().put("id", account.userId)
                .put("name", "Suporte").put("username", account.screenName)).encode()).build();
    }

    private static Response oauthError(int status, String error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new JsonObject().put("error", error).put("error_description", "Value passed was invalid.")
                        .encode())
                .build();
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(value) + "\">";
    }

    private static String escape(String value) {
        return value == null
                ? ""
                : value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                        .replace(">", "&gt;");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
