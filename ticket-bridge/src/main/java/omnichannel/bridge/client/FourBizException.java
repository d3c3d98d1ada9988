package omnichannel.bridge.client;

/**
 * 4biz refused or failed a call. {@link #isPermanent()} tells whether retrying can help: input, parameter and
 * permission errors cannot; internal errors, 5xx answers and timeouts can.
 */
public class FourBizException extends RuntimeException {

    private final String code;
    private final int status;

    public FourBizException(String operation, int status, String code, String description) {
        super("4biz " + operation + " failed: HTTP " + status + (code == null ? "" : " " + code)
                + (description == null ? "" : " - " + description));
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean isPermanent() {
        return status == 412 && ("INPUT".equals(code) || "PARAM".equals(code) || "PERMISSION".equals(code));
    }

    boolean isSessionExpired() {
        return status == 412 && "SESSION".equals(code);
    }

    /** 4biz said the input was wrong: for a create, also what it answers to a {@code numberOrigin} already used. */
    public boolean isInputError() {
        return status == 412 && "INPUT".equals(code);
    }
}
