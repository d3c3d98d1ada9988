package omnichannel.bridge.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/** 4biz's "services" API: every call a JSON POST; errors are HTTP 412 with an {@code error} object. */
@RegisterRestClient(configKey = "fourbiz")
@Path("/services")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface FourBizApi {

    @POST
    @Path("/login")
    Uni<Response> login(ObjectNode body);

    @POST
    @Path("/employee/synchronize")
    Uni<Response> synchronizeEmployee(ObjectNode body);

    @POST
    @Path("/request/create")
    Uni<Response> createRequest(ObjectNode body);

    @POST
    @Path("/request/getById")
    Uni<Response> getRequest(ObjectNode body);

    @POST
    @Path("/request/createOccurrence")
    Uni<Response> createOccurrence(ObjectNode body);

    @POST
    @Path("/request/listOccurrences")
    Uni<Response> listOccurrences(ObjectNode body);

    @POST
    @Path("/request/addAttachments")
    Uni<Response> addAttachments(ObjectNode body);

    @POST
    @Path("/request/listAttachments")
    Uni<Response> listAttachments(ObjectNode body);

    @POST
    @Path("/request/getAttachment")
    Uni<Response> getAttachment(ObjectNode body);

    @POST
    @Path("/employee/search")
    Uni<Response> searchEmployees(ObjectNode body);
}
