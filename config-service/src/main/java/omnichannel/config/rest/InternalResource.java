package omnichannel.config.rest;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.service.InteractionService;
import omnichannel.config.service.NotFound;
import omnichannel.config.service.ParameterService;
import omnichannel.config.service.SettingsJson;
import omnichannel.config.service.SignatureFailures;
import omnichannel.config.service.XConnections;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.interactions.SignatureFailureReport;
import omnichannel.platform.rest.Roles;
import omnichannel.platform.x.XAccessToken;

/**
 * The internal API for the other services, each on its own role: an operation only for the services that use it, and
 * an interaction with only the secrets the calling service uses ({@link #internal}).
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "Not a role that uses this operation")
public class InternalResource {

    private final InteractionService interactions;
    private final ParameterService parameters;
    private final SignatureFailures signatureFailures;
    private final XConnections xConnections;

    private final SecurityIdentity caller;

    public InternalResource(InteractionService interactions, ParameterService parameters,
            SignatureFailures signatureFailures, XConnections xConnections, SecurityIdentity caller) {
        this.caller = caller;
        this.xConnections = xConnections;
        this.interactions = interactions;
        this.parameters = parameters;
        this.signatureFailures = signatureFailures;
    }

    @POST
    @Path("/signature-failures")
    @RolesAllowed(Roles.GATEWAY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A gateway replica's counts of webhooks with a bad signature since its last report")
    @APIResponse(responseCode = "204", description = "Added up")
    @APIResponse(responseCode = "400", description = "No counts, too many, or a count without its fields")
    public Uni<Void> signatureFailures(SignatureFailureReport report) {
        return signatureFailures.add(report);
    }

    @GET
    @Path("/interactions/{id}")
    @RolesAllowed({Roles.GATEWAY, Roles.BRIDGE, Roles.WHATSAPP, Roles.TWITTER})
    @Operation(summary = "An interaction with the decrypted credentials the calling service uses")
    @APIResponse(responseCode = "200", description = "The interaction")
    @APIResponse(responseCode = "404", description = "No such interaction, or deleted")
    public Uni<InternalInteraction> interaction(@PathParam("id") String id) {
        return interactions.find(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .map(found -> internal(found, interactions.callbackUrl(found), interactions.openSecrets(found), caller));
    }

    @GET
    @Path("/interactions/{id}/retired")
    @RolesAllowed(Roles.TWITTER)
    @Operation(summary = "A deleted interaction with its credentials, for the clean-up at its provider")
    @APIResponse(responseCode = "200", description = "The deleted interaction (active false)")
    @APIResponse(responseCode = "404", description = "No such interaction, or not deleted")
    public Uni<InternalInteraction> retired(@PathParam("id") String id) {
        return interactions.findDeleted(id)
                .onItem().ifNull().failWith(() -> new NotFound("deleted interaction " + id))
                .map(found -> internal(found, interactions.callbackUrl(found), interactions.openSecrets(found), caller));
    }

    @POST
    @Path("/interactions/{id}/x-access-token")
    @RolesAllowed(Roles.TWITTER)
    @Operation(summary = "The X account's OAuth 2.0 access token, refreshed here when it is about to expire")
    @APIResponse(responseCode = "200", description = "{accessToken, expiresAt}")
    @APIResponse(responseCode = "409", description = "Never connected, revoked, or X refused the refresh: an admin "
            + "must connect the account again")
    @APIResponse(responseCode = "503", description = "X's token endpoint unavailable; retry")
    public Uni<XAccessToken> xAccessToken(@PathParam("id") String id) {
        return xConnections.accessToken(id);
    }

    @POST
    @Path("/interactions/{id}/x-connection/revoked")
    @RolesAllowed(Roles.GATEWAY)
    @Operation(summary = "X delivered oauth.revoke for the interaction's account: it must be connected again")
    @APIResponse(responseCode = "204", description = "Marked")
    public Uni<Void> xConnectionRevoked(@PathParam("id") String id) {
        return xConnections.revoked(id, "x:oauth.revoke");
    }

    @GET
    @Path("/parameters")
    @RolesAllowed(Roles.BRIDGE)
    @Operation(summary = "The 4biz parameters' values by id")
    public Uni<Map<Integer, String>> parameters() {
        return parameters.values();
    }

    /**
     * The interaction as {@code caller} reads it, with the secrets its service uses in clear and the others absent: the
     * gateway checks signatures (Twilio's auth tokens, X's consumer secret), channel-whatsapp sends with Twilio's
     * account and token, channel-twitter with X's four credentials, the bridge downloads a person's files with the
     * channel's (Twilio's token, X's four). A token with several roles reads what each of them may.
     */
    static InternalInteraction internal(Interaction i, String callbackUrl, Map<String, String> secrets,
            SecurityIdentity caller) {
        boolean gateway = caller.hasRole(Roles.GATEWAY);
        boolean bridge = caller.hasRole(Roles.BRIDGE);
        boolean whatsapp = caller.hasRole(Roles.WHATSAPP);
        boolean twitter = caller.hasRole(Roles.TWITTER);
        String twilioToken = gateway || bridge || whatsapp ? secrets.get("whatsapp.authToken") : null;
        String twilioSecondaryToken = gateway ? secrets.get("whatsapp.secondaryAuthToken") : null;
        String xConsumerSecret = gateway || bridge || twitter ? secrets.get("twitter.apiSecretKey") : null;
        String xAccessToken = bridge || twitter ? secrets.get("twitter.accessToken") : null;
        String xAccessTokenSecret = bridge || twitter ? secrets.get("twitter.accessTokenSecret") : null;
        return new InternalInteraction(i.id, i.channel, i.name, i.defaultUnitId, i.defaultGroupId, i.defaultActivityId,
                i.contactOriginId, i.helperInterception, i.active && i.deletedAt == null, callbackUrl, i.whatsappNumber,
                i.twilioAccountSid, twilioToken, twilioSecondaryToken, i.templateContentSid,
                SettingsJson.templates(i.whatsappTemplates), i.messagesPerSecond, i.signatureMode,
                i.signatureLogOnlyUntil, i.twitterApiKey, xConsumerSecret, xAccessToken, xAccessTokenSecret,
                i.twitterUserId, i.twitterEnvironment, i.twitterDeliveryMode, SettingsJson.businessHours(i.businessHours),
                SettingsJson.mediaPolicy(i.mediaPolicy), SettingsJson.requesterPolicy(i.requesterPolicy), i.version);
    }
}
