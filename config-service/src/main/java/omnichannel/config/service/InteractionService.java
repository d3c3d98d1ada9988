package omnichannel.config.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.InteractionAudit;
import omnichannel.config.OutboxRecord;
import omnichannel.config.config.OmnichannelConfig;
import omnichannel.config.repository.InteractionAuditRepository;
import omnichannel.config.repository.InteractionRepository;
import omnichannel.config.repository.OutboxRepository;
import omnichannel.config.secrets.SecretBox;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InteractionChanged;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.SignatureMode;

/**
 * Use cases of interactions; the transaction boundary. Every change writes, in one transaction, the interaction, its
 * audit entry and its {@link InteractionChanged} event (outbox), so that they never diverge.
 */
@ApplicationScoped
public class InteractionService {

    /** One page of a search. */
    public record Found(List<Interaction> items, int page, int size, long total) {
    }

    private static final String AUTH_TOKEN = "whatsapp.authToken";
    private static final String SECONDARY_AUTH_TOKEN = "whatsapp.secondaryAuthToken";
    private static final String API_SECRET_KEY = "twitter.apiSecretKey";
    private static final String ACCESS_TOKEN = "twitter.accessToken";
    private static final String ACCESS_TOKEN_SECRET = "twitter.accessTokenSecret";
    /** The X app's OAuth 2.0 client secret: opened only for the token endpoint, never in the internal API. */
    public static final String CLIENT_SECRET = "twitter.clientSecret";

    private final InteractionRepository repository;
    private final InteractionAuditRepository audits;
    private final OutboxRepository outbox;
    private final ParameterService parameters;
    private final SecretBox secrets;
    private final OmnichannelConfig config;

    public InteractionService(InteractionRepository repository, InteractionAuditRepository audits,
            OutboxRepository outbox, ParameterService parameters, SecretBox secrets, OmnichannelConfig config) {
        this.repository = repository;
        this.audits = audits;
        this.outbox = outbox;
        this.parameters = parameters;
        this.secrets = secrets;
        this.config = config;
    }

    @WithTransaction
    public Uni<Interaction> create(InteractionInput input, String actor) {
        InteractionValidator.validate(input, true);
        Interaction interaction = new Interaction();
        interaction.id = InteractionIds.next();
        interaction.channel = input.channel();
        interaction.createdAt = Instant.now();
        List<String> changed = apply(interaction, input);
        return checkActivation(interaction)
                .chain(() -> repository.persistAndFlush(interaction))
                .chain(created -> record(created, InteractionChanged.Change.CREATED, actor, changed))
                .invoke(created -> Log.infof("interaction created id=%s channel=%s actor=%s", created.id, created.channel,
                        actor));
    }

    @WithTransaction
    public Uni<Interaction> update(String id, InteractionInput input, long basedOnVersion, String actor) {
        InteractionValidator.validate(input, false);
        return repository.findLive(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .chain(interaction -> {
                    if (interaction.version != basedOnVersion) {
                        throw new StaleVersion(id, basedOnVersion, interaction.version);
                    }
                    if (interaction.channel != input.channel()) {
                        throw InvalidFields.of("channel", "cannot change (it is " + interaction.channel + ")");
                    }
                    List<String> changed = apply(interaction, input);
                    return checkActivation(interaction)
                            .chain(() -> repository.persistAndFlush(interaction))
                            .chain(updated -> record(updated, InteractionChanged.Change.UPDATED, actor, changed));
                });
    }

    /** Logical delete: the row stays for audit; reads, lists and the callback URL no longer find it. */
    @WithTransaction
    public Uni<Interaction> delete(String id, String actor) {
        return repository.findLive(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .chain(interaction -> {
                    interaction.deletedAt = Instant.now();
                    interaction.updatedAt = interaction.deletedAt;
                    return repository.persistAndFlush(interaction);
                })
                .chain(deleted -> record(deleted, InteractionChanged.Change.DELETED, actor, List.of("deletedAt")));
    }

    @WithTransaction
    public Uni<Interaction> restore(String id, String actor) {
        return repository.findDeleted(id)
                .onItem().ifNull().failWith(() -> new NotFound("deleted interaction " + id))
                .chain(interaction -> {
                    interaction.deletedAt = null;
                    interaction.updatedAt = Instant.now();
                    return checkActivation(interaction).chain(() -> repository.persistAndFlush(interaction));
                })
                .chain(restored -> record(restored, InteractionChanged.Change.RESTORED, actor, List.of("deletedAt")));
    }

    @WithSession
    public Uni<Interaction> find(String id) {
        return repository.findLive(id);
    }

    /** A deleted interaction (null when it is live or unknown): a channel cleans up at its provider with it. */
    @WithSession
    public Uni<Interaction> findDeleted(String id) {
        return repository.findDeleted(id);
    }

    @WithSession
    public Uni<Found> search(String nameContains, Channel channel, Boolean active, boolean deleted, int page,
            int size) {
        var query = repository.search(nameContains, channel, active, deleted).page(Page.of(page, size));
        return query.list().chain(items -> query.count().map(total -> new Found(items, page, size, total)));
    }

    @WithSession
    public Uni<List<InteractionAudit>> audit(String id) {
        Uni<Interaction> any = omnichannel.platform.interactions.InteractionIds.isWellFormed(id)
                ? repository.findById(id)
                : Uni.createFrom().nullItem();
        return any.onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .chain(found -> audits.forInteraction(id));
    }

    /** The URL the provider calls: derived from the public base and the id, so it never changes either. */
    public String callbackUrl(Interaction interaction) {
        if (interaction.channel == Channel.TWITTER_DM && interaction.twitterCallbackUrl != null) {
            return interaction.twitterCallbackUrl;
        }
        String base = config.publicBaseUrl().replaceAll("/+$", "");
        String channelPath = interaction.channel == Channel.WHATSAPP_TWILIO ? "whatsapp" : "twitter";
        return base + "/webhooks/" + channelPath + "/" + interaction.id;
    }

    /** The interaction's secrets in clear, for the internal API only. */
    public Map<String, String> openSecrets(Interaction interaction) {
        Map<String, String> open = new HashMap<>();
        open.put(AUTH_TOKEN, secrets.open(interaction.twilioAuthToken, interaction.id, AUTH_TOKEN));
        open.put(SECONDARY_AUTH_TOKEN,
                secrets.open(interaction.twilioSecondaryAuthToken, interaction.id, SECONDARY_AUTH_TOKEN));
        open.put(API_SECRET_KEY, secrets.open(interaction.twitterApiSecretKey, interaction.id, API_SECRET_KEY));
        open.put(ACCESS_TOKEN, secrets.open(interaction.twitterAccessToken, interaction.id, ACCESS_TOKEN));
        open.put(ACCESS_TOKEN_SECRET,
                secrets.open(interaction.twitterAccessTokenSecret, interaction.id, ACCESS_TOKEN_SECRET));
        open.put(CLIENT_SECRET, secrets.open(interaction.twitterClientSecret, interaction.id, CLIENT_SECRET));
        return open;
    }

    /** Copies the input onto the entity and names the fields that changed (secrets by name only). */
    private List<String> apply(Interaction target, InteractionInput input) {
        List<String> changed = new ArrayList<>();
        target.name = set(changed, "name", target.name, input.name().strip());
        target.defaultUnitId = set(changed, "defaultUnitId", target.defaultUnitId, input.defaultUnitId());
        target.defaultGroupId = set(changed, "defaultGroupId", target.defaultGroupId, input.defaultGroupId());
        target.defaultActivityId = set(changed, "defaultActivityId", target.defaultActivityId, input.defaultActivityId());
        target.contactOriginId = set(changed, "contactOriginId", target.contactOriginId, input.contactOriginId());
        target.helperInterception = set(changed, "helperInterception", target.helperInterception,
                Boolean.TRUE.equals(input.helperInterception()));
        target.active = set(changed, "active", target.active, input.active() == null || input.active());
        target.businessHours = set(changed, "businessHours", target.businessHours,
                SettingsJson.write(input.businessHours()));
        target.mediaPolicy = set(changed, "mediaPolicy", target.mediaPolicy, SettingsJson.write(input.mediaPolicy()));
        target.requesterPolicy = set(changed, "requesterPolicy", target.requesterPolicy,
                SettingsJson.write(input.requesterPolicy()));
        if (input.whatsapp() != null) {
            InteractionInput.WhatsApp w = input.whatsapp();
            target.whatsappNumber = set(changed, "whatsapp.number", target.whatsappNumber, w.number());
            target.twilioAccountSid = set(changed, "whatsapp.accountSid", target.twilioAccountSid, w.accountSid());
            target.templateContentSid = set(changed, "whatsapp.templateContentSid", target.templateContentSid,
                    w.templateContentSid());
            target.whatsappTemplates = set(changed, "whatsapp.templates", target.whatsappTemplates,
                    w.templates() == null || w.templates().isEmpty()
                            ? null
                            : SettingsJson.write(new TreeMap<>(w.templates())));
            BigDecimal rate = w.messagesPerSecond() == null ? BigDecimal.TEN : w.messagesPerSecond();
            if (target.messagesPerSecond == null || target.messagesPerSecond.compareTo(rate) != 0) {
                changed.add("whatsapp.messagesPerSecond");
                target.messagesPerSecond = rate;
            }
            target.signatureMode = set(changed, "whatsapp.signatureMode", target.signatureMode,
                    w.signatureMode() == null ? SignatureMode.ENFORCE : w.signatureMode());
            // log-only mode always has an end: (re)started by every save that asks for it
            Instant until = target.signatureMode == SignatureMode.LOG_ONLY
                    ? Instant.now().plus(Duration.ofHours(
                            w.signatureLogOnlyHours() == null ? 24 : w.signatureLogOnlyHours()))
                            .truncatedTo(ChronoUnit.SECONDS)
                    : null;
            if (!Objects.equals(until, target.signatureLogOnlyUntil)) {
                changed.add("whatsapp.signatureLogOnlyUntil");
                target.signatureLogOnlyUntil = until;
            }
            target.twilioAuthToken = seal(changed, target, AUTH_TOKEN, target.twilioAuthToken, w.authToken());
            if ("".equals(w.secondaryAuthToken())) {
                // the rotation is over: only the primary validates again
                if (target.twilioSecondaryAuthToken != null) {
                    changed.add(SECONDARY_AUTH_TOKEN);
                }
                target.twilioSecondaryAuthToken = null;
            } else {
                target.twilioSecondaryAuthToken = seal(changed, target, SECONDARY_AUTH_TOKEN,
                        target.twilioSecondaryAuthToken, w.secondaryAuthToken());
            }
        }
        if (input.twitter() != null) {
            InteractionInput.Twitter t = input.twitter();
            target.twitterApiKey = set(changed, "twitter.apiKey", target.twitterApiKey, t.apiKey());
            target.twitterUserId = set(changed, "twitter.userId", target.twitterUserId, t.userId());
            target.twitterEnvironment = set(changed, "twitter.environment", target.twitterEnvironment, t.environment());
            target.twitterDeliveryMode = set(changed, "twitter.deliveryMode", target.twitterDeliveryMode,
                    t.deliveryMode() != null
                            ? t.deliveryMode()
                            : target.twitterDeliveryMode != null
                                    ? target.twitterDeliveryMode
                                    : DeliveryMode.ACTIVITY_API);
            target.twitterClientId = set(changed, "twitter.clientId", target.twitterClientId, t.clientId());
            target.twitterClientSecret = seal(changed, target, CLIENT_SECRET, target.twitterClientSecret,
                    t.clientSecret());
            target.twitterCallbackUrl = set(changed, "twitter.callbackUrl", target.twitterCallbackUrl, t.callbackUrl());
            target.twitterApiSecretKey = seal(changed, target, API_SECRET_KEY, target.twitterApiSecretKey,
                    t.apiSecretKey());
            target.twitterAccessToken = seal(changed, target, ACCESS_TOKEN, target.twitterAccessToken, t.accessToken());
            target.twitterAccessTokenSecret = seal(changed, target, ACCESS_TOKEN_SECRET, target.twitterAccessTokenSecret,
                    t.accessTokenSecret());
        }
        target.updatedAt = Instant.now();
        return changed;
    }

    private static <T> T set(List<String> changed, String field, T current, T next) {
        if (!Objects.equals(current, next)) {
            changed.add(field);
        }
        return next;
    }

    /** An omitted secret keeps its value; a given one is sealed (and reported as changed when it differs). */
    private String seal(List<String> changed, Interaction target, String field, String sealed, String plain) {
        if (plain == null) {
            return sealed;
        }
        if (sealed == null || !plain.equals(secrets.open(sealed, target.id, field))) {
            changed.add(field);
        }
        return secrets.seal(plain, target.id, field);
    }

    private Uni<Void> checkActivation(Interaction interaction) {
        if (!interaction.active) {
            return Uni.createFrom().voidItem();
        }
        return parameters.readiness().invoke(readiness -> {
            List<String> reasons = new ArrayList<>();
            describe(reasons, "SmartChat", readiness.get(ParameterDefinition.Feature.SMART_CHAT));
            if (interaction.helperInterception) {
                describe(reasons, "Helper", readiness.get(ParameterDefinition.Feature.HELPER));
            }
            if (!reasons.isEmpty()) {
                throw new NotActivatable(reasons);
            }
        }).replaceWithVoid();
    }

    private static void describe(List<String> reasons, String feature, ParameterService.Readiness readiness) {
        if (!readiness.missing().isEmpty()) {
            reasons.add(feature + " parameters missing: " + readiness.missing());
        }
        readiness.invalid().forEach(i -> reasons.add(feature + " parameter " + i.id() + " " + i.problem()));
    }

    /**
     * The interaction's X connection changed (connected, refreshed scopes, revoked): audited and announced like any
     * change, inside the caller's transaction, so channel-twitter reconciles its subscriptions.
     */
    public Uni<Interaction> connectionChanged(Interaction interaction, String actor, String what) {
        return record(interaction, InteractionChanged.Change.UPDATED, actor, List.of(what.split(",")));
    }

    private Uni<Interaction> record(Interaction interaction, InteractionChanged.Change change, String actor,
            List<String> fields) {
        InteractionAudit audit = new InteractionAudit();
        audit.interactionId = interaction.id;
        audit.action = change.name();
        audit.actor = actor;
        audit.fields = String.join(",", fields);
        audit.at = Instant.now();

        InteractionChanged event = new InteractionChanged(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                interaction.id, interaction.channel, interaction.id, change, interaction.name,
                interaction.active && interaction.deletedAt == null, interaction.version);
        OutboxRecord record = new OutboxRecord();
        record.id = event.eventId();
        record.topic = Topics.INTERACTIONS;
        record.recordKey = interaction.id;
        record.payload = new String(EventJson.write(event), StandardCharsets.UTF_8);
        record.createdAt = event.occurredAt();

        return audits.persist(audit).chain(() -> outbox.persist(record)).replaceWith(interaction);
    }
}
