package omnichannel.bridge.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizCapabilities;
import omnichannel.bridge.client.FourBizCapabilities.Capability;
import omnichannel.bridge.client.FourBizCapabilities.State;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.client.FourBizException;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;

/**
 * "Testar conexão" for 4biz, step by step: the login, each operation the default path needs (asked with a body that
 * cannot change anything: an unknown ticket, an empty list, a ticket without its required fields, which 4biz refuses
 * with its error body when it has the operation and a servlet container answers with a plain 404 when it does not),
 * each optional capability, and which of the interaction's fields this 4biz honours.
 */
@ApplicationScoped
public class FourBizVerification {

    /** One check and its outcome, in words an admin can act on. */
    public record Step(String name, boolean ok, String detail) {
    }

    private final FourBizClient fourBiz;
    private final InteractionDirectory directory;

    public FourBizVerification(FourBizClient fourBiz, InteractionDirectory directory) {
        this.fourBiz = fourBiz;
        this.directory = directory;
    }

    /** The checks; those about the interaction's fields only when {@code interactionId} names one. */
    public Uni<List<Step>> verify(String interactionId) {
        return fourBiz.login().replaceWith(new Step("4biz: login", true, "o usuário de integração entrou no 4biz"))
                .onFailure().recoverWithItem(e -> new Step("4biz: login", false, "o 4biz recusou o login ou não "
                        + "respondeu: " + e.getMessage()))
                .chain(login -> {
                    if (!login.ok()) {
                        return Uni.createFrom().item(List.of(login));
                    }
                    return Multi.createFrom().iterable(requiredProbes())
                            .onItem().transformToUniAndConcatenate(this::probe)
                            .collect().asList()
                            .chain(required -> fields(interactionId).map(fields -> {
                                List<Step> steps = new ArrayList<>();
                                steps.add(login);
                                steps.addAll(required);
                                steps.addAll(capabilities());
                                steps.addAll(fields);
                                return steps;
                            }));
                });
    }

    private record Probe(String operation, ObjectNode body) {
    }

    private List<Probe> requiredProbes() {
        ObjectNode create = fourBiz.body().put("synchronize", false);
        create.putObject("sourceRequest");
        ObjectNode occurrence = fourBiz.body().put("requestNumber", "0");
        occurrence.putObject("occurrence");
        ObjectNode attachments = fourBiz.body().put("requestNumber", "0");
        attachments.putArray("attachments");
        return List.of(new Probe("request/create", create),
                new Probe("request/getById", fourBiz.body().put("number", "0")),
                new Probe("request/createOccurrence", occurrence),
                new Probe("request/listOccurrences", fourBiz.body().put("requestNumber", "0")),
                new Probe("request/addAttachments", attachments));
    }

    private Uni<Step> probe(Probe probe) {
        String name = "4biz: " + probe.operation();
        return fourBiz.serves(probe.operation(), probe.body())
                .map(served -> served
                        ? new Step(name, true, "o 4biz tem esta operação")
                        : new Step(name, false, "o 4biz não tem esta operação (404): as mensagens que precisam dela "
                                + "vão para as mensagens não entregues"))
                .onFailure().recoverWithItem(e -> new Step(name, false, "o 4biz não respondeu: " + e.getMessage()));
    }

    private List<Step> capabilities() {
        FourBizCapabilities capabilities = fourBiz.capabilities();
        return capabilities.statuses().stream().map(status -> {
            String name = "4biz (opcional): " + status.capability().label();
            return switch (status.state()) {
                case OFF -> new Step(name, true, "não configurada: o caminho documentado é usado");
                case ON -> new Step(name, true, "configurada e em uso");
                case ABSENT -> new Step(name, false, "configurada, mas este 4biz não a tem (" + status.detail()
                        + "): desligada, o caminho documentado é usado");
            };
        }).toList();
    }

    private Uni<List<Step>> fields(String interactionId) {
        if (interactionId == null) {
            return Uni.createFrom().item(List.of());
        }
        return directory.interaction(interactionId).chain(interaction -> {
            if (interaction == null) {
                return Uni.createFrom().item(List.of());
            }
            return unit(interaction).map(unit -> List.of(unit, groupAndOrigin(interaction)));
        });
    }

    /** The unit is checked against 4biz's own list (documented read); it is applied only with the employee service. */
    private Uni<Step> unit(InternalInteraction interaction) {
        boolean applied = fourBiz.capabilities().state(Capability.REQUESTER_UPSERT) == State.ON;
        String use = applied
                ? "aplicada aos solicitantes criados (serviço de colaborador)"
                : "não aplicada: sem o serviço de colaborador, o 4biz cria o solicitante na sua própria unidade padrão";
        long id = interaction.defaultUnitId();
        return fourBiz.units("", 500)
                .map(units -> units.stream().filter(u -> u.id() == id).findFirst()
                        .map(u -> new Step("4biz: unidade " + id, true, "existe no 4biz (" + u.name() + "); " + use))
                        .orElseGet(() -> new Step("4biz: unidade " + id, false, "não está entre as unidades do 4biz; "
                                + use)))
                .onFailure(e -> e instanceof FourBizException f && f.isPermanent())
                .recoverWithItem(e -> new Step("4biz: unidade " + id, true, "não verificável: este 4biz não lista "
                        + "unidades (/webmvc/v1/unit); " + use))
                .onFailure().recoverWithItem(e -> new Step("4biz: unidade " + id, false, "o 4biz não respondeu à lista "
                        + "de unidades: " + e.getMessage()));
    }

    private Step groupAndOrigin(InternalInteraction interaction) {
        boolean upsert = fourBiz.capabilities().state(Capability.REQUESTER_UPSERT) == State.ON;
        return new Step("4biz: grupo, atividade e origem", true, "atividade " + interaction.defaultActivityId()
                + ": enviada em cada chamado (não verificável: o 4biz não documenta uma leitura do catálogo); grupo "
                + interaction.defaultGroupId() + (upsert
                        ? ": aplicado aos solicitantes criados"
                        : ": não aplicado (o 4biz põe o solicitante no grupo do parâmetro 45)")
                + "; origem " + interaction.contactOriginId() + ": o pedido do 4biz não tem campo documentado para "
                + "ela, o 4biz usa a sua configuração ORIGIN_ID");
    }
}
