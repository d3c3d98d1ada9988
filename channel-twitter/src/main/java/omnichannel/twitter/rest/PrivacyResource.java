package omnichannel.twitter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import omnichannel.platform.privacy.PrivacyEndpoints;
import omnichannel.platform.rest.Roles;
import omnichannel.twitter.repository.TwitterPersonalDataStore;

/** A person's data in channel-twitter (LGPD Art. 18), for config-service's privacy requests. */
@Path("/api/v1/privacy")
@RolesAllowed(Roles.PRIVACY)
@SecurityRequirement(name = "bearer")
public class PrivacyResource extends PrivacyEndpoints {

    public PrivacyResource(TwitterPersonalDataStore data) {
        super(data);
    }
}
