package omnichannel.bridge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.repository.BridgePersonalDataStore;
import omnichannel.platform.privacy.PersonIdentities;
import omnichannel.platform.privacy.PersonRequest;
import omnichannel.platform.privacy.PrivacyEndpoints;
import omnichannel.platform.rest.Roles;

/**
 * A person's data in the bridge (LGPD Art. 18): who the person is across channels (the bridge knows the links), what
 * the bridge holds about them, and its erasure.
 */
@Path("/api/v1/privacy")
@RolesAllowed(Roles.PRIVACY)
@SecurityRequirement(name = "bearer")
public class PrivacyResource extends PrivacyEndpoints {

    private final BridgePersonalDataStore data;

    public PrivacyResource(BridgePersonalDataStore data) {
        super(data);
        this.data = data;
    }

    @POST
    @Path("/identities")
    @Operation(summary = "The person's WhatsApp and X identities and requester logins, from a phone, X id or requester")
    public Uni<PersonIdentities> identities(PersonRequest request) {
        return data.resolve(PersonRequest.required(request));
    }
}
