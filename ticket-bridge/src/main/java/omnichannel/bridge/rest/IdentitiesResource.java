package omnichannel.bridge.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.repository.IdentityStore;
import omnichannel.bridge.service.People;
import omnichannel.events.Channel;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/**
 * Which 4biz requester a person's channel identity is: a WhatsApp number (any notation: it is kept in E.164 with
 * Brazil's ninth digit, so the link holds whichever form the person writes from), a WhatsApp business-scoped id or an
 * X user id. Admins link and unlink; every change is audited with who made it.
 */
@Path("/api/v1/identities")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class IdentitiesResource {

    private final IdentityStore store;
    private final SecurityIdentity caller;

    public IdentitiesResource(IdentityStore store, SecurityIdentity caller) {
        this.store = store;
        this.caller = caller;
    }

    /** @param requesterLogin the colaborador's login in 4biz */
    public record LinkRequest(String requesterLogin) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "The links of a requester (?requester=) or of an identity (?channel=&identity=)")
    public Uni<List<IdentityStore.Link>> list(@QueryParam("requester") String requester,
            @QueryParam("channel") String channel, @QueryParam("identity") String identity) {
        if (blank(requester) && (blank(channel) || blank(identity))) {
            throw ProblemException.badRequest("give ?requester=<login>, or ?channel=<channel>&identity=<id>");
        }
        Channel parsed = blank(channel) ? null : channel(channel);
        return store.links(blank(requester) ? null : requester, parsed,
                parsed == null || blank(identity) ? null : People.identity(parsed, identity));
    }

    @PUT
    @Path("/{channel}/{identity}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Link the identity to a requester (replacing its link, if any)")
    public Uni<IdentityStore.Link> link(@PathParam("channel") String channel, @PathParam("identity") String identity,
            LinkRequest body) {
        if (body == null || blank(body.requesterLogin()) || body.requesterLogin().length() > 100
                || !body.requesterLogin().matches("[\\p{L}\\p{N}._@-]+")) {
            throw ProblemException.badRequest("'requesterLogin' must be a 4biz login (1 to 100 letters, digits, '.', "
                    + "'_', '@' or '-')");
        }
        Channel parsed = channel(channel);
        return store.link(parsed, key(parsed, identity), body.requesterLogin(), IdentityStore.Source.ADMIN, actor());
    }

    @DELETE
    @Path("/{channel}/{identity}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Unlink the identity: its next ticket is looked up again")
    public Uni<Response> unlink(@PathParam("channel") String channel, @PathParam("identity") String identity) {
        Channel parsed = channel(channel);
        return store.unlink(parsed, key(parsed, identity), actor())
                .map(removed -> {
                    if (!removed) {
                        throw new ProblemException(404, "Not found", "the identity is not linked");
                    }
                    return Response.noContent().build();
                });
    }

    @GET
    @Path("/{channel}/{identity}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Every change of the identity's link, oldest first")
    public Uni<List<IdentityStore.Change>> audit(@PathParam("channel") String channel,
            @PathParam("identity") String identity) {
        Channel parsed = channel(channel);
        return store.changes(parsed, key(parsed, identity));
    }

    private String actor() {
        return caller.getPrincipal().getName();
    }

    private static String key(Channel channel, String identity) {
        if (blank(identity) || identity.length() > 600) {
            throw ProblemException.badRequest("the identity must be 1 to 600 characters");
        }
        return People.identity(channel, identity);
    }

    private static Channel channel(String name) {
        try {
            return Channel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("channel must be WHATSAPP_TWILIO or TWITTER_DM");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
