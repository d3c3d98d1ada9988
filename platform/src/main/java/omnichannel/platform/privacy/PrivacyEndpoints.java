package omnichannel.platform.privacy;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;

import omnichannel.platform.rest.ProblemException;

/**
 * A service's privacy API, the same in every service that keeps personal data: config-service's privacy requests call
 * it with the admin's own token (each service checks the role). A service's resource extends this with its path and
 * {@code @RolesAllowed}.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public abstract class PrivacyEndpoints {

    protected abstract PersonalDataStore store();

    @POST
    @Path("/export")
    @Operation(summary = "Every row of this service that names the person")
    public Uni<PersonData> export(PersonIdentities person) {
        return store().export(required(person));
    }

    @POST
    @Path("/erasure")
    @Operation(summary = "Delete (or anonymise) every row of this service that names the person")
    public Uni<PersonData> erase(PersonIdentities person) {
        return store().erase(required(person));
    }

    private static PersonIdentities required(PersonIdentities person) {
        if (person == null || person.isEmpty()) {
            throw ProblemException.badRequest("the person's identities are required (whatsapp, twitter, requesters)");
        }
        return person;
    }
}
