package omnichannel.config.service;

import java.util.List;

import omnichannel.platform.rest.ProblemException;

/** An interaction cannot be active because 4biz parameters are missing or wrong: 422 naming them. */
public class NotActivatable extends ProblemException {

    public final List<String> reasons;

    public NotActivatable(List<String> reasons) {
        super(422, "Cannot activate", String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }
}
