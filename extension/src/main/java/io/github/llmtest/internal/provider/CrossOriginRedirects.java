package io.github.llmtest.internal.provider;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * The link of {@link HttpTransport}'s chain that keeps credentials on their origin: a redirect to another scheme, host
 * or port is refused before it is followed when the request carries credentials. OkHttp drops {@code Authorization}
 * on such a redirect but keeps Azure's {@code api-key} and any other header; the safe rule is to follow none.
 * Another port counts as another host, as it does for OkHttp's connection reuse and for browsers' origins.
 */
final class CrossOriginRedirects implements Interceptor {

    /** The headers that carry credentials, lower case. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "api-key",
            "x-api-key", "cookie");

    /** Refuses a redirect to another origin before it is followed, when the request carries credentials. */
    @Override
    public Response intercept(Interceptor.Chain chain) throws IOException {
        Request request = chain.request();
        Response response = chain.proceed(request);
        if (!response.isRedirect()) {
            return response;
        }
        String location = response.header("Location");
        HttpUrl from = request.url();
        HttpUrl to = location == null ? null : from.resolve(location);
        if (to == null || sameOrigin(from, to) || !hasCredentials(request)) {
            return response;
        }
        response.close();
        throw new Refusal(response.code(), origin(from), origin(to));
    }

    private static boolean hasCredentials(Request request) {
        for (String name : request.headers().names()) {
            if (CREDENTIALS.contains(name.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }

    private static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** The way out of OkHttp, turned into a {@link RedirectRefused} by the transport, which knows the URL called. */
    static final class Refusal extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String from;
        private final String to;

        Refusal(int status, String from, String to) {
            super("redirect from " + from + " to " + to + " refused");
            this.status = status;
            this.from = from;
            this.to = to;
        }

        RedirectRefused refused(String url) {
            return new RedirectRefused("The server at " + from + " answered " + url + " with a redirect (" + status
                    + ") to another host or port, " + to + ", and the request carries credentials (an API key or an "
                    + "Authorization header): llmtest does not follow it, so that the key is not sent to " + to
                    + ". Point the base URL at " + to + " directly if that server is the one meant.", url, status);
        }
    }
}
