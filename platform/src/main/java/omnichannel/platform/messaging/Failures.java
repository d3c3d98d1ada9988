package omnichannel.platform.messaging;

import io.vertx.sqlclient.DatabaseException;

import omnichannel.platform.privacy.LogText;

/** Tells permanent failures from transient ones, in one place for every consumer. */
public final class Failures {

    private Failures() {
    }

    /**
     * Permanent: a {@link PermanentFailure} anywhere in the causes, or PostgreSQL refusing the data itself (SQLState
     * class 22, data exception: a value too long, out of range, invalid text; class 54, a key too large for an index;
     * class 23 is not here because our writes
     * use conflicts as idempotency marks). Everything else (timeouts, refused connections, 5xx, a closed pool) is
     * transient.
     */
    public static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PermanentFailure) {
                return true;
            }
            if (t instanceof DatabaseException db && db.getSqlState() != null
                    && (db.getSqlState().startsWith("22") || db.getSqlState().startsWith("54"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reason recorded with a dead letter and logged with a retry: the first message in the causes, never a stack
     * trace, and without the numbers a provider's or 4biz's message may echo ({@link LogText}).
     */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return LogText.withoutNumbers(t.getMessage());
            }
        }
        return failure.getClass().getSimpleName();
    }
}
