package omnichannel.config.service;

import omnichannel.platform.rest.ProblemException;

/** The thing asked for does not exist (or was deleted): 404. */
public class NotFound extends ProblemException {

    public NotFound(String what) {
        super(404, "Not found", what + " not found");
    }
}
