package omnichannel.config.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.PrivacyRequest;
import omnichannel.config.service.PrivacyRequests;
import omnichannel.platform.privacy.PersonRequest;
import omnichannel.platform.rest.Roles;

/**
 * A person's data across every service (LGPD Art. 18): export it, or erase it; by WhatsApp number, X user id or 4biz
 * requester login. Admins only; each request is recorded without naming the person.
 */
@Path("/api/v1/privacy")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@SecurityRequirement(name = "bearer")
public class PrivacyResource {

    private final PrivacyRequests requests;
    private final SecurityIdentity caller;

    public PrivacyResource(PrivacyRequests requests, SecurityIdentity caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @Path("/export")
    @Operation(summary = "Everything every service holds about the person")
    @APIResponse(responseCode = "200", description = "Every service answered")
    @APIResponse(responseCode = "503", description = "A service could not be reached: what the others hold, to repeat")
    public Uni<Response> export(PersonRequest person) {
        return run("export", person);
    }

    @POST
    @Path("/erasure")
    @Operation(summary = "Erase (or anonymise) the person in every service's database; the 4biz ticket stays")
    @APIResponse(responseCode = "200", description = "Every service erased; the row counts by service and table")
    @APIResponse(responseCode = "503", description = "A service could not be reached: repeat the request")
    public Uni<Response> erase(PersonRequest person) {
        return run("erasure", person);
    }

    @GET
    @Path("/requests")
    @Operation(summary = "The latest 100 privacy requests: who, when, what, and row counts (never the person)")
    public Uni<List<PrivacyRequest>> latest() {
        return requests.latest();
    }

    private Uni<Response> run(String action, PersonRequest person) {
        PersonRequest.required(person);
        return requests.run(action, person, caller.getPrincipal().getName())
                .map(result -> Response.status("COMPLETE".equals(result.outcome()) ? 200 : 503).entity(result).build());
    }
}
