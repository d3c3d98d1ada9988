package omnichannel.gateway.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.gateway.client.ConfigServiceClient;
import omnichannel.gateway.twitter.CrcResponse;

/** X's Account Activity webhook: the CRC challenge. (Event intake arrives with the X channel.) */
@Path("/webhooks/twitter")
public class TwitterWebhookResource {

    private final ConfigServiceClient interactions;

    public TwitterWebhookResource(ConfigServiceClient interactions) {
        this.interactions = interactions;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "X's CRC challenge: HMAC-SHA256 of crc_token with the interaction's API secret key")
    @APIResponse(responseCode = "200", description = "{\"response_token\":\"sha256=...\"}")
    @APIResponse(responseCode = "400", description = "No crc_token")
    @APIResponse(responseCode = "404", description = "No active X interaction with this id")
    public Uni<Map<String, String>> crc(@PathParam("id") String id, @QueryParam("crc_token") String crcToken) {
        if (crcToken == null || crcToken.isEmpty()) {
            throw new BadRequest("crc_token is required");
        }
        return interactions.interaction(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .map(interaction -> {
                    if (interaction.channel() != Channel.TWITTER_DM || !interaction.active()
                            || interaction.twitterApiSecretKey() == null) {
                        throw new NotFound("interaction " + id);
                    }
                    return Map.of("response_token", CrcResponse.of(interaction.twitterApiSecretKey(), crcToken));
                });
    }
}
