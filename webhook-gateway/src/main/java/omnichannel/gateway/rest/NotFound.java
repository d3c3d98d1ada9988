package omnichannel.gateway.rest;

import omnichannel.platform.rest.ProblemException;

/** No interaction answers at this URL (unknown, deleted, inactive or of another channel): 404. */
public class NotFound extends ProblemException {

    public NotFound(String what) {
        super(404, "Not found", what + " not found");
    }
}
