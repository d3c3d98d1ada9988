package omnichannel.bridge.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.MediaLinks;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/** The file behind a signed link, for the gateway, which serves the link publicly (role omnichannel-gateway). */
@Path("/internal/v1/media/{id}")
@RolesAllowed(Roles.GATEWAY)
@SecurityRequirement(name = "bearer")
public class MediaLinkResource {

    private final MediaLinks links;

    public MediaLinkResource(MediaLinks links) {
        this.links = links;
    }

    @GET
    @Operation(summary = "The attendant's file a link names, once, within its lifetime")
    @APIResponse(responseCode = "200", description = "The file, with its content type")
    @APIResponse(responseCode = "403", description = "The signature does not match")
    @APIResponse(responseCode = "410", description = "The link expired or was used")
    public Uni<Response> file(@PathParam("id") String id, @QueryParam("e") String expires,
            @QueryParam("s") String signature) {
        UUID link;
        long expiry;
        try {
            link = UUID.fromString(id);
            expiry = Long.parseLong(expires == null ? "" : expires);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("a link is /media/<uuid>?e=<epoch seconds>&s=<signature>");
        }
        return links.open(link, expiry, signature).map(file -> Response.ok(file.content(), file.contentType())
                .header("Cache-Control", "no-store").header("Content-Length", file.content().length).build());
    }
}
