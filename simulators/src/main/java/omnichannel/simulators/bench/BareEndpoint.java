package omnichannel.simulators.bench;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The benchmarks' baseline for P1: a bare Quarkus endpoint that takes the same request as the gateway's WhatsApp
 * webhook and gives the same answer, doing no work (no signature, no parsing, no Kafka).
 */
@Path("/bench/bare/whatsapp/{id}")
public class BareEndpoint {

    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_XML)
    public String webhook(@PathParam("id") String id, byte[] body) {
        return EMPTY_TWIML;
    }
}
