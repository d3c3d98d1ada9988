package omnichannel.platform.interactions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which files a person's message may bring into a ticket as attachments: each at most {@code maxBytes}, of one of
 * {@code contentTypes} ({@code image/*} stands for every image). A file outside the policy is not attached; the ticket
 * gets a follow-up saying what was received and why it was not attached. An interaction without a policy uses the
 * bridge's defaults ({@code bridge.media.*}).
 *
 * @param maxBytes the largest file attached, 1 byte to {@link #MAX_BYTES}
 * @param contentTypes media types ({@code application/pdf}) or families ({@code audio/*}), 1 to
 *        {@link #MAX_TYPES}
 */
public record MediaPolicy(Long maxBytes, List<String> contentTypes) {

    /**
     * The ceiling of any policy: WhatsApp's largest file (documents, 100 MB) is beyond what the bridge holds in memory
     * while it attaches it; 16 MB covers Twilio's WhatsApp media (images 5 MB, audio and video 16 MB).
     */
    public static final long MAX_BYTES = 16L * 1024 * 1024;
    public static final int MAX_TYPES = 50;

    private static final Pattern TYPE = Pattern
            .compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/(\\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})");

    public MediaPolicy {
        contentTypes = contentTypes == null
                ? List.of()
                : contentTypes.stream().map(t -> t == null ? "" : t.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Every broken rule; empty when the policy is usable. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (maxBytes == null || maxBytes < 1 || maxBytes > MAX_BYTES) {
            problems.add(new FieldProblem("maxBytes", "must be 1 to " + MAX_BYTES + " (16 MB)"));
        }
        if (contentTypes.isEmpty() || contentTypes.size() > MAX_TYPES) {
            problems.add(new FieldProblem("contentTypes", "must list 1 to " + MAX_TYPES + " media types"));
        } else {
            contentTypes.stream().filter(t -> !TYPE.matcher(t).matches()).findFirst()
                    .ifPresent(t -> problems.add(new FieldProblem("contentTypes", "'"
                            + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                            + "' is not a media type such as image/jpeg or image/*")));
        }
        return problems;
    }

    /** Whether a file of this content type (parameters such as {@code ;codecs=opus} ignored) may be attached. */
    public boolean allows(String contentType) {
        String type = essence(contentType);
        if (type == null) {
            return false;
        }
        String family = type.substring(0, type.indexOf('/')) + "/*";
        return contentTypes.contains(type) || contentTypes.contains(family);
    }

    /** {@code type/subtype} in lower case without parameters, or null when the text is not a media type. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return TYPE.matcher(type).matches() && !type.endsWith("/*") ? type : null;
    }
}
