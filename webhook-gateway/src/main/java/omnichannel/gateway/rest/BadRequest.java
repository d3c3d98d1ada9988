package omnichannel.gateway.rest;

import omnichannel.platform.rest.ProblemException;

/** The provider's request is malformed: 400, no event. */
public class BadRequest extends ProblemException {

    public BadRequest(String message) {
        super(400, "Bad request", message);
    }
}
