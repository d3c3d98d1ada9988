package omnichannel.platform.interactions;

import java.util.ArrayList;
import java.util.List;

/**
 * Whose ticket a message opens when the person is not known: not linked to a requester (the bridge's channel
 * identities) and not found in 4biz by phone. {@code CREATE} makes a requester for the person
 * ({@code whatsapp_<digits>}, {@code twitter_<user id>}), as without a policy; {@code GENERIC} opens the ticket under
 * {@code genericRequesterLogin} (a colaborador 4biz already has, e.g. "atendimento.externo") with the person's name
 * and number as the ticket's contact.
 */
public record RequesterPolicy(WhenUnknown whenUnknown, String genericRequesterLogin) {

    public enum WhenUnknown {
        CREATE, GENERIC
    }

    /** Every broken rule; empty when the policy is usable. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (whenUnknown == null) {
            problems.add(new FieldProblem("whenUnknown", "is required (CREATE or GENERIC)"));
        }
        boolean generic = whenUnknown == WhenUnknown.GENERIC;
        if (generic && (genericRequesterLogin == null || !genericRequesterLogin.matches("[\\p{L}\\p{N}._@-]{1,100}"))) {
            problems.add(new FieldProblem("genericRequesterLogin", "must be the 4biz login of the generic requester "
                    + "(1 to 100 letters, digits, '.', '_', '@' or '-')"));
        }
        if (!generic && genericRequesterLogin != null) {
            problems.add(new FieldProblem("genericRequesterLogin", "is only for whenUnknown GENERIC"));
        }
        return problems;
    }

    /** Whether an unknown person's ticket goes to the generic requester. */
    public boolean generic() {
        return whenUnknown == WhenUnknown.GENERIC;
    }
}
