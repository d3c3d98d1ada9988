package omnichannel.config.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

import omnichannel.config.SystemParameter;
import omnichannel.config.repository.SystemParameterRepository;
import omnichannel.platform.net.OutboundUrls;

/** The 4biz system parameters: read, set (validated), and whether SmartChat and Helper are ready. */
@ApplicationScoped
public class ParameterService {

    /** Readiness of one feature: the parameters it lacks and those whose value is wrong. */
    public record Readiness(boolean ready, List<Integer> missing, List<Invalid> invalid) {
    }

    public record Invalid(int id, String problem) {
    }

    private final SystemParameterRepository repository;
    private final OutboundUrls urls;

    public ParameterService(SystemParameterRepository repository, OutboundUrls urls) {
        this.urls = urls;
        this.repository = repository;
    }

    @WithSession
    public Uni<Map<Integer, String>> values() {
        return repository.listAll()
                .map(all -> all.stream().collect(Collectors.toMap(p -> p.id, p -> p.value)));
    }

    /**
     * @throws InvalidFields when the parameter is not one of ours or the value breaks its rule
     */
    @WithTransaction
    public Uni<SystemParameter> set(int id, String value, String actor) {
        ParameterDefinition definition = ParameterDefinition.byId(id)
                .orElseThrow(() -> new NotFound("parameter " + id));
        String problem = definition.problem(value);
        if (problem == null && definition.calledByTheBridge()) {
            // the bridge posts people's messages there: https and public only
            problem = urls.problem(value);
        }
        if (problem != null) {
            throw InvalidFields.of("value", problem);
        }
        return repository.findById(id).onItem().ifNull().continueWith(() -> {
            SystemParameter created = new SystemParameter();
            created.id = id;
            return created;
        }).chain(parameter -> {
            parameter.value = value;
            parameter.updatedAt = Instant.now();
            parameter.updatedBy = actor;
            return repository.persist(parameter);
        });
    }

    /** Removes a value; the features that need it stop being ready. */
    @WithTransaction
    public Uni<Boolean> unset(int id) {
        if (ParameterDefinition.byId(id).isEmpty()) {
            throw new NotFound("parameter " + id);
        }
        return repository.deleteById(id);
    }

    public Uni<Map<ParameterDefinition.Feature, Readiness>> readiness() {
        return values().map(ParameterService::readiness);
    }

    static Map<ParameterDefinition.Feature, Readiness> readiness(Map<Integer, String> values) {
        return Arrays.stream(ParameterDefinition.Feature.values())
                .collect(Collectors.toMap(Function.identity(), feature -> readiness(feature, values), (a, b) -> a,
                        () -> new EnumMap<>(ParameterDefinition.Feature.class)));
    }

    private static Readiness readiness(ParameterDefinition.Feature feature, Map<Integer, String> values) {
        List<Integer> missing = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        for (ParameterDefinition definition : ParameterDefinition.of(feature)) {
            String value = values.get(definition.id);
            if (value == null) {
                missing.add(definition.id);
            } else if (definition.readinessProblem(value) != null) {
                invalid.add(new Invalid(definition.id, definition.readinessProblem(value)));
            }
        }
        return new Readiness(missing.isEmpty() && invalid.isEmpty(), missing, invalid);
    }
}
