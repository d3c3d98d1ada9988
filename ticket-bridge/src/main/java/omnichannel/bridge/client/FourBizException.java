package omnichannel.bridge.client;

import omnichannel.platform.privacy.LogText;

/**
 * 4biz refused or failed a call, classified once, here, by what retrying can do ({@link Kind}). Every caller asks this
 * class, never the status or the code itself.
 */
public class FourBizException extends RuntimeException {

    /** What an answer means for the message that caused it. */
    public enum Kind {
        /** 4biz is in trouble (5xx, 429, 408, {@code INTERNAL}): retried, counted by the breaker. */
        TRANSIENT,
        /** The session expired ({@code SESSION}, 401/403): log in again and repeat the call once. */
        SESSION,
        /** This 4biz does not serve the operation (404, 405, 501 without 4biz's error body). */
        ABSENT,
        /** 4biz refused the call for good ({@code INPUT}, {@code PARAM}, {@code PERMISSION}, any other 4xx). */
        REFUSED
    }

    private final String operation;
    private final String code;
    private final int status;
    private final Kind kind;

    public FourBizException(String operation, int status, String code, String description) {
        this(operation, status, code, description, classify(status, code));
    }

    private FourBizException(String operation, int status, String code, String description, Kind kind) {
        super("4biz " + operation + " answered HTTP " + status + (code == null ? "" : " " + code)
                + (description == null ? "" : " - " + shown(description)));
        this.operation = operation;
        this.code = code;
        this.status = status;
        this.kind = kind;
    }

    /**
     * The one classification of a 4biz answer. 4biz's own error code decides when it sent one; else the HTTP status: a
     * plain 404/405/501 is a servlet container saying the operation does not exist here.
     */
    static Kind classify(int status, String code) {
        if (code != null) {
            return switch (code) {
                case "SESSION" -> Kind.SESSION;
                case "INTERNAL" -> Kind.TRANSIENT;
                default -> status >= 500 || status == 429 ? Kind.TRANSIENT : Kind.REFUSED;
            };
        }
        if (status == 404 || status == 405 || status == 501) {
            return Kind.ABSENT;
        }
        if (status == 401 || status == 403) {
            return Kind.SESSION;
        }
        if (status >= 500 || status == 429 || status == 408) {
            return Kind.TRANSIENT;
        }
        return Kind.REFUSED;
    }

    /** The same answer after a fresh login: a 401/403 now means the integration user may not do this. */
    FourBizException afterFreshLogin() {
        return kind == Kind.SESSION && code == null
                ? new FourBizException(operation, status, code,
                        "refused after a fresh login", Kind.REFUSED)
                : this;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Retrying cannot help: the operation is absent or 4biz refused the call. */
    public boolean isPermanent() {
        return kind == Kind.ABSENT || kind == Kind.REFUSED;
    }

    /** This 4biz does not serve the operation. */
    public boolean isAbsent() {
        return kind == Kind.ABSENT;
    }

    boolean isSessionExpired() {
        return kind == Kind.SESSION;
    }

    /** 4biz said the input was wrong: for a create, also what it answers to a {@code numberOrigin} already used. */
    public boolean isInputError() {
        return "INPUT".equals(code);
    }

    /** Whether a failure says 4biz is in trouble (what its breaker counts): not an answer that refuses or lacks. */
    public static boolean isOutage(Throwable failure) {
        return !(failure instanceof FourBizException f) || f.kind == Kind.TRANSIENT;
    }

    private static String shown(String description) {
        String text = LogText.withoutNumbers(description);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
