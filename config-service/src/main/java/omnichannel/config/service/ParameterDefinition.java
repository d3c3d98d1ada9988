package omnichannel.config.service;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The 4biz system parameters interactions depend on (fourbiz-api.md), each with its rule. */
public enum ParameterDefinition {

    DEFAULT_CONTRACT(118, "ID do contrato padrão para abertura de chamados", Rule.POSITIVE_INTEGER,
            Feature.SMART_CHAT), CHAT_ORIGIN(315, "ID da origem das solicitações criadas pelo chat", Rule.POSITIVE_INTEGER,
                    Feature.SMART_CHAT), CHAT_ACTIVITY(317, "ID da atividade das solicitações criadas pelo chat",
                            Rule.POSITIVE_INTEGER, Feature.SMART_CHAT), DEFAULT_UNIT(390, "ID da unidade padrão",
                                    Rule.POSITIVE_INTEGER, Feature.SMART_CHAT), CHAT_EMAIL_TEMPLATE(447,
                                            "ID do modelo de e-mail para notificação de novas mensagens no chat",
                                            Rule.POSITIVE_INTEGER,
                                            Feature.SMART_CHAT), HELPER_EXTERNAL_URL(402, "Helper Assistant – URL externa",
                                                    Rule.HTTP_URL, Feature.HELPER), HELPER_INTERNAL_ENABLED(423,
                                                            "Habilitar Helper Assistant na área interna do sistema",
                                                            Rule.YES_NO, Feature.HELPER), HELPER_CONVERSATION_API(441,
                                                                    "Helper Assistant – Conversation API", Rule.HTTP_URL,
                                                                    Feature.HELPER), HELPER_PARAMETERS_API(442,
                                                                            "Helper Assistant – Parameters API", Rule.HTTP_URL,
                                                                            Feature.HELPER), HELPER_EXTERNAL_ENABLED(450,
                                                                                    "Habilitar Helper Assistant (área externa)",
                                                                                    Rule.YES_NO,
                                                                                    Feature.HELPER), HELPER_FALLBACK_MESSAGE(
                                                                                            453,
                                                                                            "Default Helper Assistant Fallback Message",
                                                                                            Rule.FALLBACK_TEXT, Feature.HELPER);

    /** What a parameter is needed for. */
    public enum Feature {
        SMART_CHAT, HELPER
    }

    enum Rule {
        POSITIVE_INTEGER, HTTP_URL, YES_NO, FALLBACK_TEXT
    }

    public final int id;
    public final String label;
    public final Feature feature;
    private final Rule rule;

    ParameterDefinition(int id, String label, Rule rule, Feature feature) {
        this.id = id;
        this.label = label;
        this.rule = rule;
        this.feature = feature;
    }

    public static Optional<ParameterDefinition> byId(int id) {
        return Arrays.stream(values()).filter(p -> p.id == id).findFirst();
    }

    public static List<ParameterDefinition> of(Feature feature) {
        return Arrays.stream(values()).filter(p -> p.feature == feature).toList();
    }

    /** Why {@code value} breaks this parameter's rule, or null when it is valid. */
    public String problem(String value) {
        if (value == null || value.isBlank()) {
            return "must not be blank";
        }
        return switch (rule) {
            case POSITIVE_INTEGER -> value.matches("[1-9][0-9]{0,17}") ? null : "must be a positive integer";
            case YES_NO -> value.equals("S") || value.equals("N") ? null : "must be S or N";
            case HTTP_URL -> isHttpUrl(value) ? null : "must be an absolute http(s) URL";
            case FALLBACK_TEXT -> value.toLowerCase(Locale.ROOT).matches("(?s).*\\bmenu\\b.*")
                    ? null
                    : "must contain the word 'menu'";
        };
    }

    /** A URL the bridge calls (the Helper's APIs), which must also be https and public ({@code OutboundUrls}). */
    boolean calledByTheBridge() {
        return this == HELPER_CONVERSATION_API || this == HELPER_PARAMETERS_API;
    }

    /** A further condition for interception beyond the rule: Helper must be enabled for the external area. */
    String readinessProblem(String value) {
        String problem = problem(value);
        if (problem == null && this == HELPER_EXTERNAL_ENABLED && !"S".equals(value)) {
            return "must be S for Helper interception";
        }
        return problem;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
