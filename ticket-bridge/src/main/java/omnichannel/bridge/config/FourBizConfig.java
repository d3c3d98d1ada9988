package omnichannel.bridge.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "fourbiz")
public interface FourBizConfig {

    /** The integration user in 4biz ({@code FOURBIZ_USERNAME}). */
    String username();

    /** Its password ({@code FOURBIZ_PASSWORD}); a secret, never logged. */
    String password();
}
