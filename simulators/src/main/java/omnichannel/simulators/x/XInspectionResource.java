package omnichannel.simulators.x;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** For local runs and tests: make a person send a DM (delivered like X does), and see what X received. */
@Path("/simulators/x")
@Produces(MediaType.APPLICATION_JSON)
public class XInspectionResource {

    private final XAccount account;
    private final XState state;
    private final XWebhookClient webhooks;

    private final XGrants grants;

    public XInspectionResource(XAccount account, XState state, XWebhookClient webhooks, XGrants grants) {
        this.grants = grants;
        this.account = account;
        this.state = state;
        this.webhooks = webhooks;
    }

    public record PersonDm(String from, String name, String username, String text) {
    }

    /** A person writes to the account: the DM is listed by GET /2/dm_events and delivered to subscribed webhooks. */
    @POST
    @Path("/dms")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> personWrites(PersonDm dm) {
        XState.DmEvent event = new XState.DmEvent(state.nextId(), dm.from(), dm.name(), dm.username(), account.userId,
                dm.text(), Instant.now());
        state.add(event);
        return webhooks.deliver(state.deliveryUrls(), event)
                .chain(aaa -> webhooks.deliverActivity(state.activityTargets("dm.received", account.userId), event)
                        .map(xaa -> Map.<String, Object>of("id", event.id(), "deliveredToWebhooks", aaa,
                                "deliveredByActivityApi", xaa)));
    }

    /** The person revokes the app in X's settings: every token stops working and {@code oauth.revoke} is delivered. */
    @POST
    @Path("/revoke-grant")
    public Uni<Map<String, Object>> revokeGrant() {
        grants.revokeAll();
        return webhooks.deliverRevoke(state.activityUrls()).map(delivered -> Map.of("deliveredTo", delivered));
    }

    /** The X Activity API subscriptions X holds, and how many refreshes its token endpoint served. */
    @GET
    @Path("/activity-subscriptions")
    public Map<String, Object> activitySubscriptions() {
        return Map.of("subscriptions", state.subscriptions(), "refreshes", grants.refreshes());
    }

    /** The next {@code n} Account Activity unsubscriptions fail with 503. */
    @PUT
    @Path("/faults/account-activity-unsubscribe/{n}")
    public void failUnsubscribe(@PathParam("n") int n) {
        state.failUnsubscribe(n);
    }

    /** A subscription removed on X's side (by someone else, or by X): the system must notice and recreate it. */
    @DELETE
    @Path("/activity-subscriptions/{id}")
    public void dropSubscription(@PathParam("id") String id) {
        state.removeSubscription(id);
    }

    /** The DMs our system sent, oldest first, with whether their OAuth signature was valid. */
    @GET
    @Path("/sent")
    public List<Map<String, Object>> sent(@QueryParam("to") String to) {
        return state.sent().stream().filter(dm -> to == null || to.equals(dm.to()))
                .map(dm -> XApiResource.summary(dm, state.media(dm.mediaId()))).toList();
    }

    @GET
    @Path("/webhooks")
    public List<XState.Webhook> webhooks() {
        return state.webhooks();
    }

    /** A DM budget of {@code n} in a window that resets {@code seconds} from now. */
    @PUT
    @Path("/dm-budget/{n}/{seconds}")
    public void budget(@PathParam("n") int n, @PathParam("seconds") long seconds) {
        state.budget(n, seconds);
    }

    @DELETE
    public void reset() {
        state.reset();
        grants.reset();
    }
}
