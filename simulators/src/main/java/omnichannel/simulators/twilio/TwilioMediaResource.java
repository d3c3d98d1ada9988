package omnichannel.simulators.twilio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The files of people's WhatsApp messages as Twilio keeps them with "HTTP auth on media" on: the media URL answers
 * only with the account's HTTP Basic credentials, and then with a redirect to a short-lived pre-signed URL of the CDN,
 * which serves the bytes to anyone holding it. A test stores a person's file here and puts its URL in the webhook's
 * {@code MediaUrl0}.
 */
@Path("/")
@ApplicationScoped
public class TwilioMediaResource {

    private record Stored(String accountSid, String authToken, String contentType, byte[] content) {
    }

    private record Presigned(String mediaSid, long expiresAtNanos) {
    }

    /** How long a redirect's pre-signed URL serves the file. */
    private static final long PRESIGNED_NANOS = 60_000_000_000L;

    private final Map<String, Stored> media = new ConcurrentHashMap<>();
    private final Map<String, Presigned> presigned = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong credentialsSentToCdn = new AtomicLong();

    /** What the media host saw: downloads refused for credentials, files served, CDN requests that carried credentials. */
    public record Stats(long refused, long served, long credentialsSentToCdn) {
    }

    public record Uploaded(String mediaUrl) {
    }

    /** A person's file, kept for the account as Twilio keeps an inbound message's media; answers its media URL. */
    @POST
    @Path("simulators/twilio/media")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@QueryParam("accountSid") String accountSid, @QueryParam("authToken") String authToken,
            @HeaderParam("Content-Type") String contentType, byte[] content, @Context UriInfo uri) {
        if (accountSid == null || authToken == null || content == null) {
            return Response.status(400).entity(Map.of("message", "accountSid, authToken and a body are required")).build();
        }
        String mediaSid = "ME" + UUID.randomUUID().toString().replace("-", "");
        media.put(mediaSid, new Stored(accountSid, authToken, contentType, content));
        String messageSid = "MM" + UUID.randomUUID().toString().replace("-", "");
        return Response.ok(new Uploaded(uri.getBaseUriBuilder().path("2010-04-01/Accounts/{a}/Messages/{m}/Media/{f}")
                .build(accountSid, messageSid, mediaSid).toString())).build();
    }

    @GET
    @Path("2010-04-01/Accounts/{accountSid}/Messages/{messageSid}/Media/{mediaSid}")
    public Response download(@PathParam("accountSid") String accountSid, @PathParam("mediaSid") String mediaSid,
            @HeaderParam("Authorization") String authorization, @Context UriInfo uri) {
        Stored file = media.get(mediaSid);
        if (file == null || !file.accountSid().equals(accountSid)) {
            return Response.status(404).build();
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((file.accountSid() + ":" + file.authToken())
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            refused.incrementAndGet();
            return Response.status(401).header("WWW-Authenticate", "Basic realm=\"Twilio API\"").build();
        }
        String token = UUID.randomUUID().toString();
        presigned.put(token, new Presigned(mediaSid, System.nanoTime() + PRESIGNED_NANOS));
        return Response.status(307).location(uri.getBaseUriBuilder().path("simulators/twilio/cdn/{t}").build(token))
                .build();
    }

    @GET
    @Path("simulators/twilio/cdn/{token}")
    public Response cdn(@PathParam("token") String token, @HeaderParam("Authorization") String authorization) {
        if (authorization != null) {
            credentialsSentToCdn.incrementAndGet();
        }
        Presigned link = presigned.get(token);
        if (link == null || System.nanoTime() > link.expiresAtNanos()) {
            return Response.status(403).build();
        }
        Stored file = media.get(link.mediaSid());
        served.incrementAndGet();
        return Response.ok(file.content()).type(file.contentType() == null
                ? MediaType.APPLICATION_OCTET_STREAM
                : file.contentType()).build();
    }

    @GET
    @Path("simulators/twilio/media/stats")
    @Produces(MediaType.APPLICATION_JSON)
    public Stats stats() {
        return new Stats(refused.get(), served.get(), credentialsSentToCdn.get());
    }
}
