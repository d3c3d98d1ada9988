package omnichannel.simulators.fourbiz;

import java.util.Locale;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.common.annotation.Blocking;

/**
 * 4biz's newer {@code /webmvc} API, authenticated by the services session ({@code Authorization: Bearer <sessionID>}
 * or {@code authentication-token}): the documented unit list, and, in the extended mode only, an attachment read
 * (its exact path is not public: ours is an assumption the bridge takes from configuration).
 */
@Path("/4biz/webmvc")
@Blocking
public class FourBizWebMvcResource {

    private final FourBizState state;
    private final FourBizFaults faults;
    private final boolean extended;

    public FourBizWebMvcResource(FourBizState state, FourBizFaults faults,
            @ConfigProperty(name = "simulators.fourbiz.mode") String mode) {
        this.state = state;
        this.faults = faults;
        this.extended = "extended".equals(mode);
    }

    @GET
    @Path("/v1/unit")
    public Response units(@HeaderParam("Authorization") String authorization,
            @HeaderParam("authentication-token") String token, @QueryParam("unitQuery") @DefaultValue("") String query,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return faults.apply(() -> {
            if (!state.isSession(session(authorization, token))) {
                return Response.status(401).build();
            }
            String wanted = query.toLowerCase(Locale.ROOT);
            return Response.ok(state.units().stream()
                    .filter(u -> u.name().toLowerCase(Locale.ROOT).contains(wanted))
                    .limit(Math.max(0, Math.min(limit, 500))).toList(), MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    @Path("/v1/requests/{ticket}/attachments/{id}")
    public Response attachment(@HeaderParam("Authorization") String authorization,
            @HeaderParam("authentication-token") String token, @PathParam("ticket") String ticket,
            @PathParam("id") String id) {
        if (!extended) {
            return Response.status(404).type(MediaType.TEXT_HTML)
                    .entity("<html><body><h1>HTTP Status 404 - Not Found</h1></body></html>").build();
        }
        return faults.apply(() -> {
            if (!state.isSession(session(authorization, token))) {
                return Response.status(401).build();
            }
            FourBizState.TicketAttachment file = state.attachment(ticket, id);
            return file == null
                    ? Response.status(404).build()
                    : Response.ok(file.content(), file.contentType() == null
                            ? MediaType.APPLICATION_OCTET_STREAM
                            : file.contentType()).build();
        });
    }

    private static String session(String authorization, String token) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            return authorization.substring("Bearer ".length()).strip();
        }
        return token;
    }
}
