package omnichannel.bridge.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;

import omnichannel.bridge.config.FourBizConfig;

/**
 * The optional 4biz capabilities (calls no public 4biz document describes, or that need something 4biz's administrator
 * registers) and whether this 4biz has each. A capability is off unless configured; a configured one that 4biz answers
 * 404/405/501 is switched off for {@code fourbiz.capabilities.reprobe-after}, logged once and shown in
 * {@code omnichannel_fourbiz_capability{capability,state}} (1 for the state it is in). Each pod finds out on its own,
 * with one call.
 */
public final class FourBizCapabilities {

    /** The optional capabilities. */
    public enum Capability {

        /** An employee web service that places the requester in the interaction's default unit and group. */
        REQUESTER_UPSERT,
        /** A named query ({@code data/query}) that finds a colaborador by phone number. */
        EMPLOYEE_QUERY,
        /** The {@code /webmvc} read of an attachment: attendants' files reach the person. */
        ATTACHMENT_READ;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What the bridge knows of a capability. */
    public enum State {
        /** Not configured: the documented path alone is used. */
        OFF,
        /** Configured and used. */
        ON,
        /** Configured, but this 4biz answered that it does not serve it: off until tried again. */
        ABSENT
    }

    /** A capability as the admin sees it. */
    public record Status(Capability capability, State state, String detail) {
    }

    private final Map<Capability, Boolean> configured = new EnumMap<>(Capability.class);
    private final Map<Capability, Instant> absentUntil = new EnumMap<>(Capability.class);
    private final Map<Capability, String> absentBecause = new EnumMap<>(Capability.class);
    private final Duration reprobeAfter;

    FourBizCapabilities(FourBizConfig.Capabilities config, MeterRegistry registry) {
        configured.put(Capability.REQUESTER_UPSERT, config.requesterUpsert().filter(s -> !s.isBlank()).isPresent());
        configured.put(Capability.EMPLOYEE_QUERY, config.employeeQuery().filter(s -> !s.isBlank()).isPresent());
        configured.put(Capability.ATTACHMENT_READ, config.attachmentRead().filter(s -> !s.isBlank()).isPresent());
        this.reprobeAfter = config.reprobeAfter();
        for (Capability capability : Capability.values()) {
            for (State state : State.values()) {
                Gauge.builder("omnichannel.fourbiz.capability", () -> state(capability) == state ? 1 : 0)
                        .tags(List.of(Tag.of("capability", capability.label()),
                                Tag.of("state", state.name().toLowerCase(Locale.ROOT))))
                        .description("1 for the state the optional 4biz capability is in").register(registry);
            }
        }
    }

    /** Whether the capability is configured and not known to be absent: call it. */
    public boolean usable(Capability capability) {
        return state(capability) == State.ON;
    }

    public synchronized State state(Capability capability) {
        if (!configured.get(capability)) {
            return State.OFF;
        }
        Instant until = absentUntil.get(capability);
        return until != null && Instant.now().isBefore(until) ? State.ABSENT : State.ON;
    }

    public List<Status> statuses() {
        return Arrays.stream(Capability.values()).map(c -> {
            State state = state(c);
            return new Status(c, state, state == State.ABSENT ? absentBecause(c) : null);
        }).toList();
    }

    private synchronized String absentBecause(Capability capability) {
        return absentBecause.get(capability);
    }

    /** 4biz answered that it lacks the capability: off until tried again; logged once per switch. */
    synchronized void absent(Capability capability, FourBizException answer) {
        boolean wasUsable = state(capability) == State.ON;
        absentUntil.put(capability, Instant.now().plus(reprobeAfter));
        absentBecause.put(capability, answer.getMessage());
        if (wasUsable) {
            Log.warnf("4biz lacks the optional capability %s (%s): switched off for %s, the documented path is used",
                    capability.label(), answer.getMessage(), reprobeAfter);
        }
    }
}
