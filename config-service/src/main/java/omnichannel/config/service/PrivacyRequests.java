package omnichannel.config.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.config.PrivacyRequest;
import omnichannel.config.client.OnBehalfCalls;
import omnichannel.config.config.OmnichannelConfig;
import omnichannel.config.repository.PrivacyRequestRepository;
import omnichannel.platform.privacy.PersonRequest;

/**
 * A person's data across the system (LGPD Art. 18), asked of every service that keeps any with config-service's own
 * identity (client credentials, role {@code omnichannel-privacy}; never the admin's token): ticket-bridge first says who the person is on each channel (a number, an X id, the
 * identities linked to a requester), then ticket-bridge, channel-whatsapp and channel-twitter each export or erase
 * what they hold about those identities. Each request is recorded (who asked, when, what each service answered, row
 * counts) without naming the person. A service that cannot be reached makes the outcome {@code PARTIAL}: the request
 * is repeated (each service's erasure is idempotent). The 4biz ticket is 4biz's record and stays; Kafka's topics keep
 * messages for their retention only (docs/privacy.md).
 */
@ApplicationScoped
public class PrivacyRequests {

    /** An export or erasure can touch many rows: more time than a console call. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private record Service(String name, Optional<String> base, String setting) {
    }

    /**
     * What every service answered: its data (an export) or its row counts (an erasure), or the problem; the outcome,
     * and the request's id in the record.
     */
    public record Result(UUID requestId, String outcome, Map<String, Object> identities, Map<String, Object> services) {
    }

    private final OnBehalfCalls calls;
    private final OmnichannelConfig config;
    private final PrivacyRequestRepository requests;
    private final OidcClient identity;

    public PrivacyRequests(OnBehalfCalls calls, OmnichannelConfig config, PrivacyRequestRepository requests,
            OidcClient identity) {
        this.identity = identity;
        this.calls = calls;
        this.config = config;
        this.requests = requests;
    }

    /**
     * @param action {@code export} or {@code erasure}
     * @param actor who asked (the admin's subject), for the record
     */
    public Uni<Result> run(String action, PersonRequest person, String actor) {
        return identity.getTokens().map(tokens -> tokens.getAccessToken())
                .onFailure().invoke(e -> Log.warnf("privacy request: no token of config-service's own: %s", e.toString()))
                .onFailure().recoverWithNull()
                .chain(token -> token == null
                        ? record(action, actor, Map.of("config-service",
                                Map.of("problem", "config-service could not get its own token (OIDC_TOKEN_URL)")), null)
                        : run(action, person, token, actor));
    }

    private Uni<Result> run(String action, PersonRequest person, String accessToken, String actor) {
        Service bridge = new Service("ticket-bridge", config.ticketBridgeUrl(), "TICKET_BRIDGE_URL");
        List<Service> services = List.of(bridge,
                new Service("channel-whatsapp", config.channelWhatsappUrl(), "CHANNEL_WHATSAPP_URL"),
                new Service("channel-twitter", config.channelTwitterUrl(), "CHANNEL_TWITTER_URL"));
        return calls.call("POST", bridge.name(), bridge.base(), bridge.setting(), "/api/v1/privacy/identities",
                accessToken, JsonObject.mapFrom(person), TIMEOUT)
                .chain(identities -> {
                    Map<String, Object> answers = new LinkedHashMap<>();
                    if (identities.problem() != null) {
                        answers.put(bridge.name(), Map.of("problem", identities.problem()));
                        return record(action, actor, answers, null);
                    }
                    return Multi.createFrom().iterable(services)
                            .onItem().transformToUniAndConcatenate(service -> calls.call("POST", service.name(),
                                    service.base(), service.setting(), "/api/v1/privacy/" + action, accessToken,
                                    identities.json(), TIMEOUT)
                                    .invoke(answer -> answers.put(service.name(), answer.problem() == null
                                            ? answer.json().getMap()
                                            : Map.of("problem", answer.problem()))))
                            .collect().last()
                            .chain(() -> record(action, actor, answers, identities.json().getMap()));
                });
    }

    public Uni<List<PrivacyRequest>> latest() {
        return requests.latest(100);
    }

    private Uni<Result> record(String action, String actor, Map<String, Object> answers,
            Map<String, Object> identities) {
        boolean complete = identities != null && answers.values().stream()
                .noneMatch(answer -> answer instanceof Map<?, ?> map && map.containsKey("problem"));
        PrivacyRequest request = new PrivacyRequest();
        request.id = UUID.randomUUID();
        request.action = action.equals("export") ? "EXPORT" : "ERASURE";
        request.actor = actor;
        request.at = Instant.now();
        request.outcome = complete ? "COMPLETE" : "PARTIAL";
        request.services = countsOnly(answers).encode();
        Log.infof("privacy request %s %s by %s: %s", request.id, request.action, actor, request.outcome);
        return Panache.withTransaction(() -> requests.persist(request))
                .replaceWith(new Result(request.id, request.outcome, identities, answers));
    }

    /** What the record keeps of each answer: rows by table (exported or erased), or the problem; never a value. */
    private static JsonObject countsOnly(Map<String, Object> answers) {
        JsonObject counts = new JsonObject();
        answers.forEach((service, answer) -> {
            JsonObject json = new JsonObject((Map<String, Object>) answer);
            if (json.containsKey("problem")) {
                counts.put(service, new JsonObject().put("problem", json.getString("problem")));
                return;
            }
            JsonObject rows = new JsonObject();
            JsonObject tables = json.getJsonObject("tables", new JsonObject());
            tables.forEach(table -> rows.put(table.getKey(), ((JsonArray) table.getValue()).size()));
            json.getJsonObject("erased", new JsonObject()).forEach(table -> rows.put(table.getKey(), table.getValue()));
            counts.put(service, rows);
        });
        return counts;
    }
}
