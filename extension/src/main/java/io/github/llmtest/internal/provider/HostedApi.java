package io.github.llmtest.internal.provider;

import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the clients of the streamed chat APIs served over HTTPS with a key (OpenAI-compatible servers, Anthropic's
 * Messages API) share: the base URL and the credentials to send, the HTTP transport with its in-flight limit, and
 * the retries with their back-off. Each client keeps what its API does differently: the request body, the header
 * its key goes in, its own reasons not to retry, the stream it reads. Not API.
 */
public final class HostedApi implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");

    private final String baseUrl;
    private final String basicAuth;
    private final String apiKey;
    private final int retries;
    private final Duration backoff;
    private final LazyTransport transport;

    /** @param settings the client's builder: its base URL (with any basic auth), key, timeouts, limit and retries */
    public HostedApi(ClientBuilder<?> settings) {
        baseUrl = settings.url().plain();
        basicAuth = settings.url().authorization();
        apiKey = settings.key() == null || settings.key().isBlank() ? null : settings.key().strip();
        transport = new LazyTransport(settings.timeoutSettings(), settings.inFlightLimit());
        retries = settings.retryCount();
        backoff = settings.backoff();
    }

    /** @return the base URL, without credentials or a trailing slash */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return llmtest's key for the API, or null when none is configured */
    public String apiKey() {
        return apiKey;
    }

    /** @return the transport, made on first use */
    public HttpTransport transport() {
        return transport.get();
    }

    /**
     * @param url  the full URL
     * @param body the request as JSON text
     * @return a POST of {@code body} asking for a server-sent event stream
     */
    public Request.Builder streamed(String url, String body) {
        return new Request.Builder().url(url).header("Accept", "text/event-stream")
                .post(RequestBody.create(body, JSON));
    }

    /**
     * @param url  the full URL
     * @param body an application's request body, or null for a GET
     * @return the request to forward
     */
    public Request.Builder forwarded(String url, byte[] body) {
        Request.Builder request = new Request.Builder().url(url);
        if (body != null) {
            request.post(RequestBody.create(body, JSON));
        }
        return request;
    }

    /**
     * Sends llmtest's key where the API reads it; without one, the base URL's basic auth; without either, the
     * application's own credentials, if it sent any.
     *
     * @param request     the request
     * @param credentials the application's credential headers (empty for llmtest's own calls)
     * @param key         puts {@link #apiKey()} in the API's header
     */
    public void authorize(Request.Builder request, Map<String, String> credentials, Consumer<Request.Builder> key) {
        if (apiKey != null) {
            key.accept(request);
        } else if (basicAuth != null) {
            request.header("Authorization", basicAuth);
        } else {
            credentials.forEach(request::header);
        }
    }

    /**
     * @param response a response that was not a success
     * @param attempt  the tries made so far, counted from 0
     * @return whether it may be tried again ({@link RetryAfter#mayRetry}) as far as the status and the server's
     * {@code x-should-retry} go; the client may still find a reason of its API's not to
     */
    public boolean mayRetry(Response response, int attempt) {
        return RetryAfter.mayRetry(response, attempt, retries);
    }

    /**
     * @param response the response to retry
     * @param attempt  the tries made so far, counted from 0
     * @return the wait the server asks for ({@link RetryAfter#of}), else the back-off doubled for each try made
     */
    public Duration waitBeforeRetry(Response response, int attempt) {
        Duration asked = RetryAfter.of(response);
        return asked != null ? asked : backoff.multipliedBy(1L << Math.min(attempt, 16));
    }

    /** @return how many requests may be in flight at once */
    public int maxInFlight() {
        return transport.maxInFlight();
    }

    @Override
    public void close() {
        transport.close();
    }
}
