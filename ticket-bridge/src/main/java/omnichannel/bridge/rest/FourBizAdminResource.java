package omnichannel.bridge.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizCapabilities;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.service.FourBizVerification;
import omnichannel.platform.interactions.InteractionIds;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/** The 4biz this bridge talks to, for the console: the connection test, the optional capabilities, 4biz's units. */
@Path("/api/v1/fourbiz")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@SecurityRequirement(name = "bearer")
public class FourBizAdminResource {

    private final FourBizVerification verification;
    private final FourBizClient fourBiz;

    public FourBizAdminResource(FourBizVerification verification, FourBizClient fourBiz) {
        this.verification = verification;
        this.fourBiz = fourBiz;
    }

    @GET
    @Path("/verification")
    @Operation(summary = "Login, each required operation (probed without side effects), each optional capability, and "
            + "which of the interaction's fields this 4biz honours")
    public Uni<Verification> verify(@QueryParam("interaction") String interaction) {
        if (interaction != null && !InteractionIds.isWellFormed(interaction)) {
            throw ProblemException.badRequest("not an interaction id: " + interaction);
        }
        return verification.verify(interaction).map(Verification::new);
    }

    public record Verification(List<FourBizVerification.Step> steps) {
    }

    public record Units(List<FourBizClient.Unit> units) {
    }

    @GET
    @Path("/capabilities")
    @Operation(summary = "The optional 4biz capabilities and the state each is in (off, on, absent)")
    public Capabilities capabilities() {
        return new Capabilities(fourBiz.capabilities().statuses());
    }

    public record Capabilities(List<FourBizCapabilities.Status> capabilities) {
    }

    @GET
    @Path("/units")
    @Operation(summary = "4biz's units whose name contains the query (4biz's documented /webmvc/v1/unit)")
    public Uni<Units> units(@QueryParam("query") @DefaultValue("") String query,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (query.length() > 100 || limit < 1 || limit > 500) {
            throw ProblemException.badRequest("query is at most 100 characters, limit 1 to 500");
        }
        return fourBiz.units(query, limit).map(Units::new).onFailure(FourBizException.class)
                .transform(e -> new ProblemException(502, "Bad Gateway", "4biz did not list its units: "
                        + e.getMessage()));
    }
}
