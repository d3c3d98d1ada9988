package omnichannel.simulators.helper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * 4biz's Helper bot as a Rasa REST channel (fourbiz-api.md): a greeting with two buttons, an answer per button (one
 * with an image), and the fallback message (4biz parameter 453) for anything it does not understand.
 */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HelperBotResource {

    private final String fallback;
    private final List<Map<String, String>> received = new ArrayList<>();

    public HelperBotResource(@ConfigProperty(name = "simulators.helper.fallback") String fallback) {
        this.fallback = fallback;
    }

    public record Incoming(String sender, String message) {
    }

    @POST
    @Path("/helper/webhooks/rest/webhook")
    public List<Map<String, Object>> message(Incoming incoming) {
        String sender = incoming == null || incoming.sender() == null ? "" : incoming.sender();
        String message = incoming == null || incoming.message() == null ? "" : incoming.message().trim();
        synchronized (received) {
            received.add(Map.of("sender", sender, "message", message));
        }
        return switch (message.toLowerCase(Locale.ROOT)) {
            case "oi", "olá", "ola", "bom dia", "boa tarde", "menu" -> List.of(Map.of("recipient_id", sender,
                    "text", "Olá! Sou o Helper, o assistente virtual. Sobre o que você precisa de ajuda?",
                    "buttons", List.of(Map.of("title", "Redefinir senha", "payload", "/senha"),
                            Map.of("title", "Configurar VPN", "payload", "/vpn"))));
            case "/senha" -> List.of(Map.of("recipient_id", sender,
                    "text", "Para redefinir sua senha, acesse o portal de autoatendimento e escolha \"Esqueci minha senha\"."));
            case "/vpn" -> List.of(Map.of("recipient_id", sender, "text", "Veja como configurar a VPN:"),
                    Map.of("recipient_id", sender, "image", "https://helper.example.com/vpn.png"));
            default -> List.of(Map.of("recipient_id", sender, "text", fallback));
        };
    }

    /** What the bot received, oldest first. */
    @GET
    @Path("/simulators/helper/messages")
    public List<Map<String, String>> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @DELETE
    @Path("/simulators/helper/messages")
    public void reset() {
        synchronized (received) {
            received.clear();
        }
    }
}
