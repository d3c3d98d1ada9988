package omnichannel.config.service;

import java.util.List;

/** An interaction cannot be active because 4biz parameters are missing or wrong: 422 naming them. */
public class NotActivatable extends RuntimeException {

    public final List<String> reasons;

    public NotActivatable(List<String> reasons) {
        super("the interaction cannot be activated: " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }
}
