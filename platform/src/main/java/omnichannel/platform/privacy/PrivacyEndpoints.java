package omnichannel.platform.privacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/**
 * A service's privacy API, the same in every service that keeps personal data: only config-service calls it, with its
 * own identity (role {@code omnichannel-privacy}), for a privacy request an admin made and config-service recorded. A service's resource extends this with its path and
 * {@code @RolesAllowed}, and hands over its store. The role is required here, on the methods themselves: a subclass's
 * class-level {@code @RolesAllowed} was found not to guard these inherited methods once the subclass declared none of
 * its own (channel-whatsapp's PersonalDataTest answered a viewer's erasure with 200).
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public abstract class PrivacyEndpoints {

    private final PersonalDataStore store;

    protected PrivacyEndpoints(PersonalDataStore store) {
        this.store = store;
    }

    @POST
    @Path("/export")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "Every row of this service that names the person")
    public Uni<PersonData> export(PersonIdentities person) {
        return store.export(required(person));
    }

    @POST
    @Path("/erasure")
    @RolesAllowed(Roles.PRIVACY)
    @Operation(summary = "Delete (or anonymise) every row of this service that names the person")
    public Uni<PersonData> erase(PersonIdentities person) {
        return store.erase(required(person));
    }

    private static PersonIdentities required(PersonIdentities person) {
        if (person == null || person.isEmpty()) {
            throw ProblemException.badRequest("the person's identities are required (whatsapp, twitter, requesters)");
        }
        return person;
    }
}
