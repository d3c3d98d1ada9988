package omnichannel.config.console;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Every state-changing request to the console (anything but GET and HEAD under {@code /console}) must be a form that
 * carries the login's {@link CsrfTokens token}, and, when the browser says where it comes from ({@code Origin}), come
 * from the console's own host. Refused with 403 before any resource code runs; one filter, so a new form cannot
 * forget it ({@code ConsoleCsrfTest} posts to every console route without a token).
 */
public class CsrfFilter {

    private final CsrfTokens tokens;
    private final SecurityIdentity identity;

    public CsrfFilter(CsrfTokens tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String method = request.getMethod();
        if (!(path.equals("/console") || path.startsWith("/console/")) || method.equals("GET")
                || method.equals("HEAD")) {
            return null;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request.getUriInfo().getRequestUri())) {
            Log.warnf("console: refused a %s to %s from origin %s", method, path, origin);
            return refuse();
        }
        MediaType type = request.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isWildcardType()) {
            return refuse();
        }
        Object presented = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(CsrfTokens.FIELD, true, false);
        if (!tokens.matches(identity, presented instanceof String token ? token : null)) {
            Log.warnf("console: refused a %s to %s without the session's form token", method, path);
            return refuse();
        }
        return null;
    }

    /**
     * The host only: behind an ingress that ends TLS the request arrives as http on the service's port while the
     * browser's origin is https on 443; the host is what the browser addressed in both.
     */
    private static boolean sameOrigin(String origin, URI request) {
        try {
            String host = URI.create(origin).getHost();
            return host != null && host.equalsIgnoreCase(request.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response refuse() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Formulário expirado ou de outra origem: recarregue a página. / "
                        + "Form expired or from another origin: reload the page.")
                .build();
    }
}
