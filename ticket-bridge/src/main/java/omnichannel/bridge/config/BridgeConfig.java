package omnichannel.bridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {

    /**
     * The contract of chat tickets (4biz parameter 118). Read from here until config-service serves the parameters.
     */
    @WithDefault("1")
    String defaultContractId();

    /** Texts sent to the person; Portuguese by default. */
    Texts texts();

    interface Texts {

        /** Acknowledges a new ticket. {@code {greeting}}: ", <name>" or nothing; {@code {ticket}}: the ticket number. */
        @WithDefault("Olá{greeting}! Recebemos sua mensagem e abrimos o chamado nº {ticket}. Responderemos por aqui.")
        String acknowledgement();
    }
}
