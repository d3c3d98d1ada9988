package omnichannel.whatsapp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "whatsapp")
public interface WhatsAppConfig {

    /** Twilio's REST base ({@code TWILIO_API_BASE_URL}); the SDK's fixed host is rewritten to it. */
    String twilioApiBaseUrl();

    /**
     * Threads that run the blocking Twilio SDK. Bounded on purpose: the SDK blocks for the whole HTTP exchange and must
     * never run on the event loop.
     */
    @WithDefault("8")
    int senderThreads();
}
