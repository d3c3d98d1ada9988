package omnichannel.config.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.client.FourBizChecks;
import omnichannel.config.client.ProviderChecks;
import omnichannel.config.client.ProviderChecks.Step;
import omnichannel.config.client.XOAuthClient;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.x.XCredentials;

/**
 * Checks an interaction end to end: the provider accepts its credentials, the gateway answers at its callback URL, and
 * the 4biz behind ticket-bridge has what the interaction needs.
 */
@ApplicationScoped
public class VerificationService {

    /** The checks and whether all passed. */
    public record Verification(boolean ok, List<Step> steps) {
    }

    private final InteractionService interactions;
    private final ProviderChecks checks;
    private final FourBizChecks fourBiz;

    private final XConnections xConnections;
    private final XOAuthClient xOAuth;

    public VerificationService(InteractionService interactions, ProviderChecks checks, FourBizChecks fourBiz,
            XConnections xConnections, XOAuthClient xOAuth) {
        this.xConnections = xConnections;
        this.xOAuth = xOAuth;
        this.interactions = interactions;
        this.checks = checks;
        this.fourBiz = fourBiz;
    }

    /**
     * The provider's steps, then 4biz's (asked of ticket-bridge with the caller's {@code accessToken}): login, each
     * operation the default path needs, each optional capability, the interaction's fields.
     */
    public Uni<Verification> verify(String id, String accessToken) {
        return providerSteps(id).chain(steps -> fourBiz.verify(id, accessToken).map(more -> {
            List<Step> all = new ArrayList<>(steps);
            all.addAll(more);
            return new Verification(all.stream().allMatch(Step::ok), all);
        }));
    }

    private Uni<List<Step>> providerSteps(String id) {
        return interactions.find(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .chain(interaction -> {
                    Map<String, String> secrets = interactions.openSecrets(interaction);
                    String callback = interactions.callbackUrl(interaction);
                    Uni<Step> credentials;
                    Uni<Step> gateway;
                    if (interaction.channel == Channel.WHATSAPP_TWILIO) {
                        credentials = checks.twilioAccount(interaction.twilioAccountSid, secrets.get("whatsapp.authToken"));
                        gateway = checks.whatsappCallback(callback, secrets.get("whatsapp.authToken"));
                        Map<String, String> templates = templatesOf(interaction);
                        if (!templates.isEmpty()) {
                            Uni<List<Step>> checked = templates(interaction, templates, secrets.get("whatsapp.authToken"));
                            return credentials.chain(first -> gateway.chain(second -> checked.map(rest -> {
                                List<Step> steps = new ArrayList<>(List.of(first, second));
                                steps.addAll(rest);
                                return steps;
                            })));
                        }
                    } else {
                        credentials = interaction.twitterDeliveryMode == DeliveryMode.ACTIVITY_API
                                ? connection(interaction)
                                : checks.xAccount(credentialsOf(interaction, secrets), interaction.twitterUserId);
                        gateway = checks.xCallback(callback, secrets.get("twitter.apiSecretKey"),
                                interaction.twitterCallbackUrl != null);
                    }
                    return credentials.chain(first -> gateway.map(second -> List.of(first, second)));
                });
    }

    /** The Activity API mode: the account's OAuth 2.0 token (refreshed if due) still opens {@code GET /2/users/me}. */
    private Uni<Step> connection(Interaction interaction) {
        return xConnections.accessToken(interaction.id).chain(token -> xOAuth.me(token.accessToken()))
                .map(me -> {
                    boolean same = interaction.twitterUserId.equals(me.getString("id"));
                    return new Step("connection", same, same
                            ? "X account @" + me.getString("username") + " (" + interaction.twitterUserId
                                    + ") connected with OAuth 2.0"
                            : "the connected account is user " + me.getString("id") + ", not "
                                    + interaction.twitterUserId);
                })
                .onFailure().recoverWithItem(e -> new Step("connection", false, e.getMessage()));
    }

    /** The interaction's templates by step name: {@code template} (the single one), {@code template PURPOSE}. */
    private static Map<String, String> templatesOf(Interaction interaction) {
        Map<String, String> templates = new LinkedHashMap<>();
        if (interaction.templateContentSid != null) {
            templates.put("template", interaction.templateContentSid);
        }
        Map<String, PurposeTemplate> purposes = SettingsJson
                .templates(interaction.whatsappTemplates);
        if (purposes != null) {
            purposes.forEach((purpose, template) -> templates.put("template " + purpose, template.contentSid()));
        }
        return templates;
    }

    /** Each template must exist in the account and be approved for WhatsApp: one step each, one Content API read. */
    private Uni<List<Step>> templates(Interaction interaction, Map<String, String> wanted, String authToken) {
        return checks.twilioTemplates(interaction.twilioAccountSid, authToken)
                .map(templates -> wanted.entrySet().stream().map(entry -> {
                    String sid = entry.getValue();
                    return templates.stream().filter(t -> sid.equals(t.sid())).findFirst()
                            .map(found -> new Step(entry.getKey(), found.approved(), found.approved()
                                    ? "template " + sid + " (" + found.name() + ") is approved for WhatsApp"
                                    : "template " + sid + " (" + found.name() + ") is not approved for WhatsApp: "
                                            + found.approval()))
                            .orElseGet(() -> new Step(entry.getKey(), false, "template " + sid + " is not in the account"));
                }).toList())
                .onFailure().recoverWithItem(e -> wanted.keySet().stream()
                        .map(name -> new Step(name, false, e.getMessage())).toList());
    }

    /** The WhatsApp templates of the interaction's Twilio account. */
    public Uni<List<ProviderChecks.Template>> templates(String id) {
        return interactions.find(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .chain(interaction -> {
                    if (interaction.channel != Channel.WHATSAPP_TWILIO) {
                        return Uni.createFrom().failure(new NotFound("WhatsApp interaction " + id));
                    }
                    return checks.twilioTemplates(interaction.twilioAccountSid,
                            interactions.openSecrets(interaction).get("whatsapp.authToken"));
                });
    }

    private static XCredentials credentialsOf(Interaction interaction, Map<String, String> secrets) {
        return new XCredentials(interaction.twitterApiKey, secrets.get("twitter.apiSecretKey"),
                secrets.get("twitter.accessToken"), secrets.get("twitter.accessTokenSecret"));
    }
}
