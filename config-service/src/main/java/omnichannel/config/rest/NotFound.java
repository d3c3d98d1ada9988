package omnichannel.config.rest;

/** The thing asked for does not exist (or was deleted): 404. */
class NotFound extends RuntimeException {

    NotFound(String what) {
        super(what + " not found");
    }
}
