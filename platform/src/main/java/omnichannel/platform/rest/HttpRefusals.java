package omnichannel.platform.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests refused before any resource sees them (401/403 on the API's paths, 413, 414, a URI that is not one: 400)
 * get a problem body like every other refusal, replacing Quarkus's bodiless URI check (docs/security.md lists what
 * the HTTP layer still refuses without a body, and why).
 */
@ApplicationScoped
public class HttpRefusals {

    static final int MAX_URI_LENGTH = 4096;

    /** Before Quarkus's security filters (which decode the path) and body-size check (order -2). */
    private static final int ORDER = -10_000;

    private final Optional<MemorySize> maxBodySize;
    /** Path prefixes that need an authenticated caller ({@code quarkus.http.auth.permission.api.*}). */
    private final List<String> authenticatedPrefixes;

    HttpRefusals(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "quarkus.http.auth.permission.api.paths") Optional<List<String>> authenticatedPaths,
            @ConfigProperty(name = "quarkus.http.auth.permission.api.policy") Optional<String> policy) {
        this.maxBodySize = maxBodySize;
        this.authenticatedPrefixes = policy.filter("authenticated"::equals).isEmpty()
                ? List.of()
                : authenticatedPaths.orElse(List.of()).stream().map(path -> path.endsWith("*")
                        ? path.substring(0, path.length() - 1)
                        : path).toList();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
        // the router itself fails a request whose path or query it cannot decode: while it matches routes (then it
        // calls the error handler for 400) or in a handler (then the failure handlers run), like authentication
        router.route().order(ORDER).failureHandler(HttpRefusals::failed);
        router.errorHandler(400, HttpRefusals::failed);
    }

    private static void failed(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        Throwable failure = context.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            refuse(context, 401, "Unauthorized", "a valid bearer token is required");
        } else if (failure instanceof ForbiddenException) {
            refuse(context, 403, "Forbidden", "the token's role may not do this");
        } else if (context.statusCode() == 400) {
            // a query the router cannot decode fails as HttpException(400) while it matches routes
            refuse(context, 400, "Bad Request", "the request URI is malformed (a broken percent-escape, not UTF-8, or NUL)");
        } else {
            context.next();
        }
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            refuse(context, 414, "URI Too Long", "the request URI is longer than " + MAX_URI_LENGTH + " characters");
            return;
        }
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && maxBodySize.isPresent()) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                refuse(context, 400, "Bad Request", "Content-Length is not a number of bytes");
                return;
            }
            if (length > maxBodySize.get().asLongValue()) {
                // the body is never read: the connection closes after the answer
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                refuse(context, 413, "Content Too Large",
                        "the body is larger than " + maxBodySize.get().asLongValue() + " bytes");
                return;
            }
        }
        if (!authenticatedPrefixes.isEmpty() && !hasBearerToken(context)
                && authenticatedPrefixes.stream().anyMatch(context.request().path()::startsWith)) {
            // Quarkus answers a request without any credential with a bare challenge; the same 401, with a body
            context.response().putHeader("WWW-Authenticate", "Bearer");
            refuse(context, 401, "Unauthorized", "a valid bearer token is required");
            return;
        }
        if (!isWellFormed(uri)) {
            refuse(context, 400, "Bad Request", "the request URI is malformed (a broken percent-escape, not UTF-8, or NUL)");
            return;
        }
        context.next();
    }

    private static boolean hasBearerToken(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
    }

    /** A URI by RFC 3986 whose percent-escapes spell UTF-8. */
    static boolean isWellFormed(String uri) {
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return false;
        }
        return isWellEscaped(uri);
    }

    /** Every {@code %} starts two hex digits, and what the escapes spell is UTF-8 without NUL. */
    static boolean isWellEscaped(String uri) {
        ByteBuffer escaped = null;
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c != '%') {
                if (escaped != null && !decodes(escaped)) {
                    return false;
                }
                escaped = null;
                continue;
            }
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return false;
            }
            if (escaped == null) {
                escaped = ByteBuffer.allocate(uri.length() / 3 + 1);
            }
            byte decoded = (byte) ((Character.digit(uri.charAt(i + 1), 16) << 4) + Character.digit(uri.charAt(i + 2), 16));
            if (decoded == 0) {
                // NUL is in no name, id or search; PostgreSQL cannot even store it
                return false;
            }
            escaped.put(decoded);
            i += 2;
        }
        return escaped == null || decodes(escaped);
    }

    private static boolean decodes(ByteBuffer bytes) {
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext context, int status, String title, String detail) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
