package omnichannel.config.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.config.client.ProviderChecks.Step;
import omnichannel.config.config.OmnichannelConfig;

/**
 * The 4biz side of an interaction, asked of ticket-bridge (which holds the 4biz credentials) on the person's behalf
 * ({@link OnBehalfCalls}): the connection test's steps, and 4biz's own units for the form.
 */
@ApplicationScoped
public class FourBizChecks {

    /** A unit of 4biz's reference data. */
    public record Unit(long id, String name) {
    }

    private final OnBehalfCalls calls;
    private final OmnichannelConfig config;

    public FourBizChecks(OnBehalfCalls calls, OmnichannelConfig config) {
        this.calls = calls;
        this.config = config;
    }

    /** ticket-bridge's 4biz steps for the interaction; one failed step saying why when it could not be asked. */
    public Uni<List<Step>> verify(String interactionId, String accessToken) {
        return calls.call("GET", "ticket-bridge", config.ticketBridgeUrl(), "TICKET_BRIDGE_URL",
                "/api/v1/fourbiz/verification?interaction=" + OnBehalfCalls.segment(interactionId), accessToken, null,
                config.httpClients().fourbizChecksTimeout())
                .map(answer -> {
                    if (answer.problem() != null) {
                        return List.of(new Step("4biz", false, "o teste do 4biz não pôde ser feito: " + answer.problem()));
                    }
                    List<Step> steps = new ArrayList<>();
                    JsonArray list = answer.json().getJsonArray("steps", new JsonArray());
                    for (int i = 0; i < list.size(); i++) {
                        JsonObject step = list.getJsonObject(i);
                        steps.add(new Step(step.getString("name"), step.getBoolean("ok", false),
                                step.getString("detail")));
                    }
                    return steps;
                });
    }

    /** An optional 4biz capability and the state ticket-bridge found it in ({@code OFF}, {@code ON}, {@code ABSENT}). */
    @TemplateData
    public record Capability(String capability, String state, String detail) {
    }

    /** ticket-bridge's optional 4biz capabilities, or why they could not be had ({@code problem}). */
    @TemplateData
    public record Capabilities(List<Capability> capabilities, String problem) {
    }

    public Uni<Capabilities> capabilities(String accessToken) {
        return calls.call("GET", "ticket-bridge", config.ticketBridgeUrl(), "TICKET_BRIDGE_URL",
                "/api/v1/fourbiz/capabilities", accessToken).map(answer -> {
                    if (answer.problem() != null) {
                        return new Capabilities(List.of(), answer.problem());
                    }
                    List<Capability> list = new ArrayList<>();
                    JsonArray items = answer.json().getJsonArray("capabilities", new JsonArray());
                    for (int i = 0; i < items.size(); i++) {
                        JsonObject item = items.getJsonObject(i);
                        list.add(new Capability(item.getString("capability", "").toLowerCase(Locale.ROOT)
                                .replace('_', '-'), item.getString("state", ""), item.getString("detail")));
                    }
                    return new Capabilities(list, null);
                });
    }

    /** 4biz's units (at most 500), or empty when they cannot be had: the form then takes an id as typed. */
    public Uni<List<Unit>> units(String accessToken) {
        return calls.call("GET", "ticket-bridge", config.ticketBridgeUrl(), "TICKET_BRIDGE_URL",
                "/api/v1/fourbiz/units?limit=500", accessToken).map(answer -> {
                    if (answer.problem() != null) {
                        return List.<Unit>of();
                    }
                    List<Unit> units = new ArrayList<>();
                    JsonArray list = answer.json().getJsonArray("units", new JsonArray());
                    for (int i = 0; i < list.size(); i++) {
                        JsonObject unit = list.getJsonObject(i);
                        units.add(new Unit(unit.getLong("id", 0L), unit.getString("name", "")));
                    }
                    return units;
                });
    }
}
