package omnichannel.config.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "omnichannel")
public interface OmnichannelConfig {

    /** The public https base of the webhook gateway ({@code OMNICHANNEL_PUBLIC_BASE_URL}); callback URLs start with it. */
    String publicBaseUrl();
}
