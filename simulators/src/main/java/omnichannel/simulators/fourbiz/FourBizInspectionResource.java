package omnichannel.simulators.fourbiz;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** What the simulated 4biz received, and the knobs to make it slow or failing. For tests and the local demo. */
@Path("/simulators/fourbiz")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FourBizInspectionResource {

    private final FourBizState state;
    private final FourBizFaults faults;

    public FourBizInspectionResource(FourBizState state, FourBizFaults faults) {
        this.state = state;
        this.faults = faults;
    }

    @GET
    @Path("/employees")
    public List<FourBizState.Employee> employees() {
        return state.employees();
    }

    /** A colaborador 4biz already has (registered by HR, not by us), as a test or the demo needs one. */
    @POST
    @Path("/employees")
    public FourBizState.Employee employee(NewEmployee body) {
        return state.synchronize(body.login(), body.name(), body.phoneNumber(), null, body.unitId(),
                List.of(body.groupId())).getKey();
    }

    public record NewEmployee(String login, String name, String phoneNumber, long unitId, long groupId) {
    }

    @GET
    @Path("/tickets")
    public List<FourBizState.Ticket> tickets() {
        return state.tickets();
    }

    /** A ticket's files with their SHA-256, so that a test compares content without moving it. */
    @GET
    @Path("/tickets/{number}/attachments")
    public Response attachments(@PathParam("number") String number) {
        List<FourBizState.TicketAttachment> files = state.attachments(number);
        return files == null
                ? Response.status(404).build()
                : Response.ok(files.stream().map(f -> new AttachmentView(f.id(), f.fileName(), f.contentType(),
                        f.content().length, sha256(f.content()))).toList()).build();
    }

    public record AttachmentView(String id, String fileName, String contentType, int size, String sha256) {
    }

    /** 4biz's administrator registers a named query that finds colaboradores by phone ({@code data/query}). */
    @PUT
    @Path("/queries/{name}")
    public Response registerQuery(@PathParam("name") String name) {
        state.registerPhoneQuery(name);
        return Response.noContent().build();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An attendant changes a ticket's status (e.g. {@code Resolvida}). */
    @PUT
    @Path("/tickets/{number}/status/{status}")
    public Response status(@PathParam("number") String number, @PathParam("status") String status) {
        return state.setStatus(number, status) == null ? Response.status(404).build() : Response.noContent().build();
    }

    /** An attendant writes a follow-up meant for the requester, maybe with files attached. */
    @POST
    @Path("/tickets/{number}/occurrences")
    public Response attendantOccurrence(@PathParam("number") String number, AttendantOccurrence body) {
        List<FourBizState.TicketAttachment> files = body.attachments() == null
                ? List.of()
                : body.attachments().stream().map(f -> new FourBizState.TicketAttachment(null, f.fileName(),
                        f.contentType(), Base64.getDecoder().decode(f.content()))).toList();
        FourBizState.Occurrence created = state.addAttendantOccurrence(number, body.description(), body.date(),
                body.hour(), body.category() == null ? "Retorno" : body.category(), files);
        return created == null ? Response.status(404).build() : Response.ok(created).build();
    }

    /** @param attachments files with their content in base64 */
    public record AttendantOccurrence(String description, String category, String date, String hour,
            List<AttendantFile> attachments) {
    }

    public record AttendantFile(String fileName, String contentType, String content) {
    }

    public record Latency(long minMillis, long maxMillis) {
    }

    public record Outage(int status, long millis) {
    }

    @PUT
    @Path("/faults/latency")
    public Response latency(Latency latency) {
        faults.latency(latency.minMillis(), latency.maxMillis());
        return Response.noContent().build();
    }

    @PUT
    @Path("/faults/outage")
    public Response outage(Outage outage) {
        faults.outage(outage.status(), outage.millis());
        return Response.noContent().build();
    }

    @PUT
    @Path("/faults/rejected-activities/{code}")
    public Response rejectActivity(@PathParam("code") String code) {
        faults.rejectActivity(code);
        return Response.noContent().build();
    }

    @POST
    @Path("/sessions/expire")
    public Response expireSessions() {
        state.expireSessions();
        return Response.noContent().build();
    }

    @DELETE
    public Response reset() {
        state.reset();
        faults.reset();
        return Response.noContent().build();
    }
}
