package omnichannel.bridge.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizCapabilities.Capability;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.repository.IdentityStore;
import omnichannel.events.Channel;
import omnichannel.events.InboundMessage;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.interactions.RequesterPolicy;
import omnichannel.platform.phones.PhoneNumbers;

/**
 * Whose ticket a new message opens: the requester linked to the person's channel identity, else a colaborador 4biz
 * finds by the person's number (an optional capability), else the interaction's {@link RequesterPolicy}. Colaboradores
 * are never updated from the channel; the order and the 4biz calls are in ticket-bridge/README.md ("People").
 */
@ApplicationScoped
public class People {

    /** The actor of links the bridge makes itself, in the audit. */
    static final String LOOKUP_ACTOR = "ticket-bridge (lookup by phone)";

    private final IdentityStore identities;
    private final FourBizClient fourBiz;

    public People(IdentityStore identities, FourBizClient fourBiz) {
        this.identities = identities;
        this.fourBiz = fourBiz;
    }

    /** The requester's login for the message's person; made in 4biz first when the policy says to create one. */
    Uni<String> requester(InternalInteraction interaction, Conversation conversation, InboundMessage message) {
        Channel channel = message.channel();
        String identity = identity(channel, message.sender().id());
        return identities.requester(channel, identity)
                .chain(linked -> linked != null ? Uni.createFrom().item(linked) : lookUp(interaction, channel, identity))
                .chain(found -> found != null ? Uni.createFrom().item(found) : unknown(interaction, conversation, message));
    }

    /** The key a person is linked by: a WhatsApp number in E.164 (ninth digit restored), any other id as it is. */
    public static String identity(Channel channel, String id) {
        String phone = channel == Channel.WHATSAPP_TWILIO ? PhoneNumbers.e164(id) : null;
        return phone != null ? phone : id.strip();
    }

    private Uni<String> lookUp(InternalInteraction interaction, Channel channel, String identity) {
        String phone = channel == Channel.WHATSAPP_TWILIO ? PhoneNumbers.e164(identity) : null;
        if (phone == null || !fourBiz.capabilities().usable(Capability.EMPLOYEE_QUERY)) {
            return Uni.createFrom().nullItem();
        }
        return fourBiz.employeesByPhone(PhoneNumbers.variants(phone))
                .chain(found -> {
                    List<String> logins = found.stream().map(FourBizClient.Employee::login).distinct().toList();
                    if (logins.size() != 1) {
                        if (logins.size() > 1) {
                            Log.warnf("%d colaboradores share a number; none is chosen interaction=%s", logins.size(),
                                    interaction.id());
                        }
                        return Uni.createFrom().nullItem();
                    }
                    return identities.link(channel, identity, logins.get(0), IdentityStore.Source.LOOKUP, LOOKUP_ACTOR)
                            .replaceWith(logins.get(0));
                });
    }

    private Uni<String> unknown(InternalInteraction interaction, Conversation conversation, InboundMessage message) {
        RequesterPolicy policy = interaction.requesterPolicy();
        if (policy != null && policy.generic()) {
            return Uni.createFrom().item(policy.genericRequesterLogin());
        }
        String login = TicketService.requesterLogin(message.channel(), message.sender().id());
        if (!fourBiz.capabilities().usable(Capability.REQUESTER_UPSERT)) {
            return Uni.createFrom().item(login);
        }
        String name = conversation.displayName() != null ? conversation.displayName() : login;
        return fourBiz.upsertRequester(new FourBizClient.Requester(login, name,
                message.sender().phoneNumber(), interaction.defaultUnitId(), interaction.defaultGroupId()))
                .replaceWith(login);
    }
}
