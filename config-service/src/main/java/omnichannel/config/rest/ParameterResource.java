package omnichannel.config.rest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.service.ParameterDefinition;
import omnichannel.config.service.ParameterService;
import omnichannel.platform.rest.Roles;

/** The 4biz system parameters SmartChat and Helper need, and whether each feature is ready. */
@Path("/api/v1/parameters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role")
public class ParameterResource {

    private final ParameterService service;
    private final SecurityIdentity identity;

    public ParameterResource(ParameterService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** A parameter, its value (null when unset) and the problem with it, if any. */
    public record ParameterView(int id, String name, String feature, String value, String problem) {
    }

    public record ValueInput(String value) {
    }

    public record ReadinessView(ParameterService.Readiness smartChat, ParameterService.Readiness helper) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Every parameter with its value and whether it is valid")
    public Uni<List<ParameterView>> list() {
        return service.values().map(values -> Arrays.stream(ParameterDefinition.values())
                .map(p -> view(p, values))
                .toList());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set a parameter's value, validated by its rule")
    @APIResponse(responseCode = "200", description = "Set")
    @APIResponse(responseCode = "400", description = "The value breaks the parameter's rule")
    @APIResponse(responseCode = "404", description = "Not a parameter of this system")
    public Uni<ParameterView> set(@PathParam("id") int id, ValueInput input) {
        String value = input == null ? null : input.value();
        return service.set(id, value, identity.getPrincipal().getName())
                .map(saved -> view(ParameterDefinition.byId(id).orElseThrow(), Map.of(id, saved.value)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Unset a parameter")
    @APIResponse(responseCode = "204", description = "Unset (or was not set)")
    @APIResponse(responseCode = "404", description = "Not a parameter of this system")
    public Uni<Response> unset(@PathParam("id") int id) {
        return service.unset(id).map(removed -> Response.noContent().build());
    }

    @GET
    @Path("/readiness")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Whether SmartChat and Helper are ready, naming missing and invalid parameters")
    public Uni<ReadinessView> readiness() {
        return service.readiness().map(r -> new ReadinessView(r.get(ParameterDefinition.Feature.SMART_CHAT),
                r.get(ParameterDefinition.Feature.HELPER)));
    }

    private static ParameterView view(ParameterDefinition definition, Map<Integer, String> values) {
        String value = values.get(definition.id);
        return new ParameterView(definition.id, definition.label, definition.feature.name(), value,
                value == null ? "not set" : definition.problem(value));
    }
}
