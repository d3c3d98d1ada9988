package omnichannel.gateway.rest;

import omnichannel.platform.rest.ProblemException;

/** The request is not the provider's (bad signature): 403, no event. */
public class Forbidden extends ProblemException {

    public Forbidden(String message) {
        super(403, "Forbidden", message);
    }
}
