package omnichannel.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "omnichannel")
public interface GatewayConfig {

    /**
     * The public base URL providers call ({@code OMNICHANNEL_PUBLIC_BASE_URL}). Signatures are computed over it plus
     * the raw path and query, so they hold behind a TLS-terminating ingress.
     */
    String publicBaseUrl();

    /** How often this replica reports its counts of bad signatures to config-service ({@code SIGNATURE_REPORT_INTERVAL}). */
    @WithName("gateway.signature-report-interval")
    @WithDefault("30s")
    Duration signatureReportInterval();

    /**
     * The key the bridge signs attendants' file links with ({@code MEDIA_LINK_KEY}, the same Secret): the gateway checks
     * a link before it takes a relay slot or asks the bridge. Required (32 characters at least) in a packaged gateway.
     */
    @WithName("gateway.media.link-key")
    Optional<String> mediaLinkKey();

    /** Requests for files one client address may make a minute ({@code GATEWAY_MEDIA_PER_ADDRESS_PER_MINUTE}). */
    @WithName("gateway.media.per-address-per-minute")
    @WithDefault("60")
    int mediaPerAddressPerMinute();
}
