package omnichannel.config.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.client.ProviderChecks;
import omnichannel.config.service.InteractionInput;
import omnichannel.config.service.InteractionService;
import omnichannel.config.service.InvalidFields;
import omnichannel.config.service.NotFound;
import omnichannel.config.service.VerificationService;
import omnichannel.events.Channel;
import omnichannel.platform.rest.Roles;

/** The admin API of interactions ("Menu > Sistema > Configurações > Interações Omnichannel"). */
@Path("/api/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role")
public class InteractionResource {

    private static final int MAX_PAGE_SIZE = 200;

    private final InteractionService service;
    private final VerificationService verification;
    private final SecurityIdentity identity;

    public InteractionResource(InteractionService service, VerificationService verification,
            SecurityIdentity identity) {
        this.service = service;
        this.verification = verification;
        this.identity = identity;
    }

    /** A page of interactions. */
    public record PageView(List<InteractionView> items, int page, int size, long total) {
    }

    /** One change in the audit trail. */
    public record AuditEntry(String action, String actor, List<String> fields, Instant at) {
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an interaction; the answer carries its generated id and callback URL")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag set")
    @APIResponse(responseCode = "400", description = "Invalid, unknown or read-only fields (problem+json)")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    @APIResponse(responseCode = "422", description = "Active, but the 4biz parameters are not ready")
    public Uni<Response> create(InteractionInput input) {
        return service.create(input, actor())
                .map(created -> Response.created(URI.create("/api/v1/interactions/" + created.id))
                        .tag(etag(created))
                        .entity(view(created))
                        .build());
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "List interactions, filtered by name (contains), channel and active, by pages; "
            + "deleted=true lists the deleted ones (to restore)")
    @APIResponse(responseCode = "200", description = "A page")
    public Uni<PageView> list(@QueryParam("name") String name, @QueryParam("channel") Channel channel,
            @QueryParam("active") Boolean active, @QueryParam("deleted") boolean deleted,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0) {
            throw InvalidFields.of("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidFields.of("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            // the first row would not be a row number any database pages to
            throw InvalidFields.of("page", "is beyond any page there can be");
        }
        return service.search(name, channel, active, deleted, page, size).map(found -> new PageView(
                found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Read an interaction (secrets masked); ETag carries its version")
    @APIResponse(responseCode = "200", description = "The interaction")
    @APIResponse(responseCode = "404", description = "No such interaction, or deleted")
    public Uni<Response> get(@PathParam("id") String id) {
        return service.find(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .map(found -> Response.ok(view(found)).tag(etag(found)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an interaction; omitted secrets keep their value. The version it is based on comes "
            + "from If-Match or the body's version")
    @APIResponse(responseCode = "200", description = "Updated")
    @APIResponse(responseCode = "400", description = "Invalid fields, or no version given")
    @APIResponse(responseCode = "404", description = "No such interaction, or deleted")
    @APIResponse(responseCode = "409", description = "Based on a stale version")
    @APIResponse(responseCode = "422", description = "Active, but the 4biz parameters are not ready")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
            InteractionInput input) {
        long version = basedOnVersion(ifMatch, input);
        return service.update(id, input, version, actor())
                .map(updated -> Response.ok(view(updated)).tag(etag(updated)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete an interaction (logically: it stays for audit; its callback URL answers 404)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such interaction, or already deleted")
    public Uni<Response> delete(@PathParam("id") String id) {
        return service.delete(id, actor()).map(deleted -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/restore")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Restore a deleted interaction")
    @APIResponse(responseCode = "200", description = "Restored")
    @APIResponse(responseCode = "404", description = "No deleted interaction with this id")
    @APIResponse(responseCode = "422", description = "Active, but the 4biz parameters are not ready")
    public Uni<Response> restore(@PathParam("id") String id) {
        return service.restore(id, actor()).map(restored -> Response.ok(view(restored)).tag(etag(restored)).build());
    }

    @GET
    @Path("/{id}/whatsapp/templates")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "The WhatsApp templates of the interaction's Twilio account, with their approval (Content API)")
    @APIResponse(responseCode = "200", description = "Every template of the account, approved or not")
    @APIResponse(responseCode = "404", description = "No such WhatsApp interaction, or deleted")
    @APIResponse(responseCode = "502", description = "Twilio's Content API refused or could not be reached")
    public Uni<List<ProviderChecks.Template>> templates(@PathParam("id") String id) {
        return verification.templates(id);
    }

    @POST
    @Path("/{id}/verification")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Check the credentials with the provider, send a signed self-test to the callback URL, and "
            + "have ticket-bridge test 4biz (login, each required operation, the optional capabilities, the fields)")
    @APIResponse(responseCode = "200", description = "Each step with its result (ok is false when any failed)")
    @APIResponse(responseCode = "404", description = "No such interaction, or deleted")
    public Uni<VerificationService.Verification> verify(@PathParam("id") String id) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return verification.verify(id, token == null ? "" : token.getToken());
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Who changed what and when (field names, never values)")
    @APIResponse(responseCode = "200", description = "The changes, oldest first")
    @APIResponse(responseCode = "404", description = "No such interaction")
    public Uni<List<AuditEntry>> audit(@PathParam("id") String id) {
        return service.audit(id).map(entries -> entries.stream()
                .map(e -> new AuditEntry(e.action, e.actor, e.fields.isEmpty() ? List.of() : List.of(e.fields.split(",")),
                        e.at))
                .toList());
    }

    private InteractionView view(Interaction interaction) {
        return InteractionView.of(interaction, service.callbackUrl(interaction), service.openSecrets(interaction));
    }

    private static EntityTag etag(Interaction interaction) {
        return new EntityTag(Long.toString(interaction.version));
    }

    private static long basedOnVersion(String ifMatch, InteractionInput input) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
            try {
                return Long.parseLong(tag);
            } catch (NumberFormatException e) {
                throw InvalidFields.of("If-Match", "must be the ETag of the interaction read");
            }
        }
        if (input != null && input.version() != null) {
            return input.version();
        }
        throw InvalidFields.of("version", "is required (or an If-Match header) to update");
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
