package omnichannel.config.service;

/** The update was based on an older version than the stored one: 409. */
public class StaleVersion extends RuntimeException {

    public StaleVersion(String id, long expected, long actual) {
        super("interaction " + id + " is at version " + actual + ", the update was based on version " + expected);
    }
}
