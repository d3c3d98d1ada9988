package omnichannel.config.service;

import omnichannel.platform.rest.ProblemException;

/** The update was based on an older version than the stored one: 409. */
public class StaleVersion extends ProblemException {

    public StaleVersion(String id, long expected, long actual) {
        super(409, "Conflict", "interaction " + id + " is at version " + actual + ", the update was based on version "
                + expected + "; read it again and reapply the change");
    }
}
