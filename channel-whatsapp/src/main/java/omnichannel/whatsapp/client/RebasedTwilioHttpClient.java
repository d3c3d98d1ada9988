package omnichannel.whatsapp.client;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio SDK's HTTP client, pointed at {@code TWILIO_API_BASE_URL} (the SDK has no base-URL setting) and without
 * the SDK's blind retry of 5xx answers: a retried {@code POST Messages} can send a message twice, so retries are our
 * policy, not the SDK's.
 */
public class RebasedTwilioHttpClient extends NetworkHttpClient {

    private final URI base;

    public RebasedTwilioHttpClient(String baseUrl) {
        this.base = URI.create(baseUrl.replaceAll("/+$", ""));
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        URI original = URI.create(request.getUrl());
        String rebased = base.getScheme() + "://" + base.getRawAuthority()
                + (base.getRawPath() == null ? "" : base.getRawPath())
                + original.getRawPath() + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery());
        Request copy = new Request(request.getMethod(), rebased);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        forEach(request.getPostParams(), copy::addPostParam);
        forEach(request.getQueryParams(), copy::addQueryParam);
        forEach(request.getHeaderParams(), copy::addHeaderParam);
        return super.makeRequest(copy);
    }

    private static void forEach(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
