package omnichannel.platform.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.platform.config.PlatformConfig;

/**
 * URLs an admin sets and a service then calls (the Helper bot's conversation API, parameter 441; the X callback
 * override that verification calls): https only, and never to a loopback, private, link-local, unique-local,
 * shared (CGNAT) or unspecified address, so that a admin setting cannot turn a service into a proxy towards the
 * cluster's insides or the cloud metadata endpoint. The exception is explicit: the {@code host:port}s of
 * {@code omnichannel.platform.outbound-urls.allowed} (the local run's and the tests' simulators on 127.0.0.1 over http).
 * <p>
 * Checked twice: when the URL is saved ({@link #problem}, no DNS lookup), and when it is called ({@link #resolve}):
 * the name is resolved then, every address must be public, and the caller connects to that very address, so a DNS
 * answer that changes between the check and the connection (DNS rebinding) cannot reach an inside address.
 */
@ApplicationScoped
public class OutboundUrls {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowed;

    @Inject
    public OutboundUrls(PlatformConfig config) {
        this(config.outboundUrls().allowed().orElse(List.of()));
    }

    /** @param allowed {@code host:port} pairs that may be called over http or on a private address */
    public OutboundUrls(List<String> allowed) {
        this.allowed = Set.copyOf(allowed.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList());
    }

    /** A URL that may not be called, with the reason (never the URL's query, which may carry a token). */
    public static final class Refused extends RuntimeException {

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Why this URL may not be set for a service to call, or null when it may; does not resolve names. */
    public String problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return "must be an absolute https URL";
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "must be an absolute https URL without user information";
        }
        if (isAllowed(uri)) {
            return "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? null : "must be an http(s) URL";
        }
        if (!"https".equals(uri.getScheme())) {
            return "must use https";
        }
        String host = bare(uri.getHost());
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "must not point to a loopback, private or link-local address";
        }
        if (isLiteral(host)) {
            try {
                if (!isPublic(InetAddress.getByName(host))) {
                    return "must not point to a loopback, private or link-local address";
                }
            } catch (UnknownHostException e) {
                return "must be an absolute https URL";
            }
        }
        return null;
    }

    /**
     * Resolves the URL's host now (blocking: call it off the event loop) and returns the address to connect to.
     *
     * @throws Refused when the URL breaks {@link #problem}'s rules or a resolved address is not public
     */
    public InetAddress resolve(URI uri) {
        String problem = problem(uri.toString());
        if (problem != null) {
            throw new Refused("the URL " + problem);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare(uri.getHost()));
        } catch (UnknownHostException e) {
            throw new Refused("the host " + uri.getHost() + " does not resolve");
        }
        if (!isAllowed(uri)) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new Refused("the host " + uri.getHost() + " resolves to a non-public address");
                }
            }
        }
        return addresses[0];
    }

    /**
     * A request to an admin-set {@code url} that goes to the address {@link #resolve} checked a moment before (the name
     * is resolved on a worker thread, then the connection is made to that very address with the URL's host as the
     * {@code Host} and TLS name): no DNS answer can move it inside the network between the check and the call. Fails
     * with {@link Refused} when the URL or its address may not be called. It completes on a worker or event-loop
     * thread: a caller that needs its own context back moves there itself.
     */
    public Uni<HttpRequest<Buffer>> pinned(
            WebClient client, HttpMethod method, String url) {
        URI uri = URI.create(url);
        return Uni.createFrom().item(() -> resolve(uri))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(address -> client.request(method, SocketAddress.inetSocketAddress(
                        port(uri), address.getHostAddress()), port(uri), uri.getHost(),
                        uri.getRawPath()
                                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                        .ssl("https".equals(uri.getScheme())));
    }

    /** The port a URL connects to. */
    public static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private boolean isAllowed(URI uri) {
        return allowed.contains(bare(uri.getHost()) + ":" + port(uri));
    }

    private static String bare(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    private static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /**
     * Whether the address is on the public internet: none of the special ranges a request must never reach. An IPv6
     * address that carries an IPv4 one (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64
     * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by that IPv4 address, which a translator would reach.
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local
            if ((b[0] & 0xfe) == 0xfc) {
                return false;
            }
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return isPublic(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        // 0.0.0.0/8 "this network", 100.64.0.0/10 shared (CGNAT), 192.0.0.0/24 protocol assignments, 198.18.0.0/15
        // benchmarking, 240.0.0.0/4
        return first != 0 && !(first == 100 && second >= 64 && second < 128)
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) && !(first == 198 && (second & 0xfe) == 18)
                && first < 240;
    }

    /** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64 well-known prefix, 6to4), or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeros10 = true;
        for (int i = 0; i < 10; i++) {
            zeros10 &= b[i] == 0;
        }
        boolean mapped = zeros10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros10 && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return new byte[]{b[12], b[13], b[14], b[15]};
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return new byte[]{b[2], b[3], b[4], b[5]};
        }
        return null;
    }
}
