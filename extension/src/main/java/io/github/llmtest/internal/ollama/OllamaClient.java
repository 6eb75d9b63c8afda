package io.github.llmtest.internal.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.ToolCall;
import io.github.llmtest.internal.provider.ToolWire;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.ClientBuilder;
import io.github.llmtest.internal.provider.HttpTransport;
import io.github.llmtest.internal.provider.LazyTransport;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.Readiness;
import io.github.llmtest.internal.provider.RetryAfter;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.Timeouts;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A thread-safe client for one Ollama server, and the {@link Provider} for models without a prefix. Build one per
 * base URL and share it; {@link #close()} releases its connections.
 *
 * <p><b>Timeouts.</b> A 9 GB model can take minutes to load before the first byte arrives, so the defaults are
 * generous where that matters and short where it does not: 5 seconds to connect, 5 minutes of silence between
 * two chunks (the server's own load limit), 15 minutes for a whole call. All three are configurable.
 *
 * <p><b>Concurrency.</b> Ollama serves one request at a time per model by default and queues the rest, so the
 * client lets at most {@link Builder#maxConcurrentRequests(int) one} request be in flight unless told otherwise;
 * other callers wait their turn (within the call timeout).
 *
 * <p><b>Busy server.</b> A {@code 503} is retried with exponential backoff a bounded number of times, then fails
 * with {@link OllamaException.Kind#BUSY}.
 */
public final class OllamaClient implements Provider {

    /** The environment variable holding an API key for hosted Ollama, sent as a bearer token. */
    public static final String API_KEY_VARIABLE = "OLLAMA_API_KEY";
    /** The endpoint every generation goes to, and the first field of every canonical request. */
    public static final String CHAT_ENDPOINT = "/api/chat";
    /** How long a model stays loaded after the warm-up: long enough for a test run. */
    static final Duration KEEP_LOADED = Duration.ofMinutes(30);

    private final String baseUrl;
    private final String basicAuth;
    private final String apiKey;
    private final int busyRetries;
    private final Duration busyBackoff;
    private final OllamaFailures failures;
    private final LazyTransport transport;

    private OllamaClient(ClientBuilder<OllamaClient> b) {
        baseUrl = b.url().plain();
        basicAuth = b.url().authorization();
        apiKey = b.key();
        transport = new LazyTransport(b.timeoutSettings(), b.inFlightLimit());
        busyRetries = b.retryCount();
        busyBackoff = b.backoff();
        failures = new OllamaFailures(b.url().display(), b.timeoutSettings());
    }

    /**
     * @return a builder with the defaults described on this class: {@link OllamaHost#DEFAULT_URL} (a URL given as
     * text is read as {@code OLLAMA_HOST} is), one request in flight (like Ollama's {@code OLLAMA_NUM_PARALLEL}),
     * and a busy server's 503 retried 3 times after 1 s, doubled each time
     */
    public static ClientBuilder<OllamaClient> builder() {
        return new ClientBuilder<>(OllamaHost.DEFAULT_URL, OllamaHost::resolve, 1, 3, Duration.ofSeconds(1),
                OllamaClient::new);
    }

    /** @return the base URL requests go to, without a trailing slash or credentials */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public ObjectNode canonicalRequest(ChatCall call) {
        ObjectNode canonical = Jsons.object().put("endpoint", CHAT_ENDPOINT);
        canonical.setAll(body(call, null, null));
        return canonical;
    }

    @Override
    public Readiness prepare(String model) {
        String version = version();
        LiveAnswer load = load(model, KEEP_LOADED);
        String digest = tags().stream().filter(m -> m.matches(model)).findFirst()
                .flatMap(ModelInfo::digestIfKnown).orElse(null);
        return new Readiness(version, digest, load.wallTime());
    }

    @Override
    public LiveAnswer chat(ChatCall call) {
        return chat(call, true);
    }

    /**
     * Sends a chat request.
     *
     * @param call   the call
     * @param stream true to stream NDJSON (time to first token is measured), false for one JSON object
     * @return the complete answer
     * @throws OllamaException if the call fails
     */
    public LiveAnswer chat(ChatCall call, boolean stream) {
        Objects.requireNonNull(call, "call");
        return post(body(call, null, stream), call.model(), stream);
    }

    /**
     * Loads a model into memory without generating anything (a chat with no messages), so that later calls do
     * not pay the load. The returned {@link LiveAnswer#wallTime()} is how long the load took.
     *
     * @param model     the model to load
     * @param keepAlive how long it stays loaded
     * @return the server's answer, with {@code done_reason} {@code load}
     * @throws OllamaException if the call fails, for example {@link OllamaException.Kind#MODEL_NOT_FOUND}
     */
    public LiveAnswer load(String model, Duration keepAlive) {
        ChatCall empty = new ChatCall(model, List.of(), Options.none(), null);
        return post(body(empty, keepAlive, false), model, false);
    }

    /**
     * The server's version, from {@code GET /api/version}.
     *
     * @return for example {@code 0.5.1}
     * @throws OllamaException if the server cannot be reached or does not answer like Ollama
     */
    public String version() {
        String url = baseUrl + "/api/version";
        JsonNode node = getJson(url);
        String version = Jsons.text(node, "version");
        if (version == null) {
            throw failures.malformed(url, node.toString(), null, null);
        }
        return version;
    }

    /**
     * The models installed on the server, from {@code GET /api/tags}.
     *
     * @return the models, possibly none
     * @throws OllamaException if the server cannot be reached
     */
    public List<ModelInfo> tags() {
        JsonNode node = getJson(baseUrl + "/api/tags");
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : node.path("models")) {
            JsonNode details = m.path("details");
            models.add(new ModelInfo(m.path("name").asText(m.path("model").asText("")), Jsons.text(m, "digest"),
                    m.path("size").asLong(0), Jsons.text(details, "family"), Jsons.text(details, "parameter_size"),
                    Jsons.text(details, "quantization_level")));
        }
        return List.copyOf(models);
    }

    /** Releases pooled connections and threads. The client must not be used afterwards. */
    @Override
    public int maxInFlight() {
        return transport.maxInFlight();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** The underlying OkHttp client, for tests that check nothing is left behind. */
    OkHttpClient http() {
        return transport.get().http();
    }

    /**
     * The JSON body of a chat, fields in a fixed order: model, messages, format, options, keep_alive, stream.
     * {@code keepAlive} and {@code stream} are left out when null (the canonical form).
     */
    static ObjectNode body(ChatCall call, Duration keepAlive, Boolean stream) {
        ObjectNode node = Jsons.object().put("model", call.model());
        ArrayNode messages = node.putArray("messages");
        for (Message message : call.messages()) {
            ObjectNode m = messages.addObject().put("role", message.role()).put("content", message.content());
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = m.putArray("tool_calls");
                for (ToolCall c : message.toolCalls()) {
                    ObjectNode out = calls.addObject();
                    if (c.id() != null) {
                        out.put("id", c.id());
                    }
                    out.putObject("function").put("name", c.name()).set("arguments", c.arguments());
                }
            }
            if (message.toolName() != null) {
                m.put("tool_name", message.toolName());
            }
        }
        if (!call.tools().isEmpty()) {
            node.set("tools", ToolWire.tools(call.tools()));
        }
        if (call.format() != null) {
            node.set("format", call.format().schema().orElse(node.textNode("json")));
        }
        call.options().think().ifPresent(think -> {
            if (think instanceof Boolean b) {
                node.put("think", b);
            } else {
                node.put("think", think.toString());
            }
        });
        Map<String, Object> options = new java.util.TreeMap<>(call.options().asMap());
        options.remove("think"); // a top-level field for Ollama, not one of its options
        if (!options.isEmpty()) {
            node.set("options", options(options));
        }
        if (keepAlive != null) {
            node.put("keep_alive", keepAlive.toSeconds() + "s");
        }
        if (stream != null) {
            node.put("stream", stream);
        }
        return node;
    }

    /** The {@code options} object: every set value, {@code temperature 0} and {@code seed 0} included. */
    private static ObjectNode options(Map<String, Object> values) {
        ObjectNode node = Jsons.object();
        values.forEach((name, value) -> {
            if (value instanceof Double d) {
                node.put(name, d);
            } else if (value instanceof Integer i) {
                node.put(name, i);
            } else if (value instanceof List<?> list) {
                ArrayNode array = node.putArray(name);
                list.forEach(item -> array.add(String.valueOf(item)));
            }
        });
        return node;
    }

    private JsonNode getJson(String url) {
        return execute(new Request.Builder().url(url).get(), null, (response, started) ->
                parse(response.body().string(), url));
    }

    private LiveAnswer post(ObjectNode body, String model, boolean stream) {
        String url = baseUrl + CHAT_ENDPOINT;
        Request.Builder request = new Request.Builder().url(url)
                .header("Accept", stream ? "application/x-ndjson" : "application/json")
                .post(RequestBody.create(body.toString(), MediaType.get("application/json; charset=utf-8")));
        return execute(request, model, (response, started) -> stream
                ? readStream(response, started, url)
                : readSingle(response, started, url));
    }

    @Override
    public <T> T forward(String path, byte[] body, String model, Map<String, String> credentials,
                         HttpTransport.Forwarded<T> handler) {
        Request.Builder request = new Request.Builder().url(baseUrl + path);
        if (body != null) {
            request.post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8")));
        }
        if (!authorize(request)) {
            credentials.forEach(request::header);
        }
        return transport.get().forward(request.build(), failures.forModel(model), handler);
    }

    /** The API key as a bearer token, else the credentials of the base URL as basic auth; false when neither. */
    private boolean authorize(Request.Builder request) {
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey);
            return true;
        }
        if (basicAuth != null) {
            request.header("Authorization", basicAuth);
            return true;
        }
        return false;
    }

    /** Sends a request with the key if there is one; a 503 is retried with exponential backoff. */
    private <T> T execute(Request.Builder builder, String model, HttpTransport.Handler<T> handler) {
        authorize(builder);
        // Ollama sends no retry-after, but a proxy in front of it may
        HttpTransport.Retry busy = (response, attempt) -> response.code() == 503 && attempt < busyRetries
                ? java.util.Objects.requireNonNullElse(RetryAfter.of(response),
                busyBackoff.multipliedBy(1L << Math.min(attempt, 16))) : null;
        return transport.get().execute(builder.build(), busy, failures.forModel(model), handler);
    }

    private LiveAnswer readStream(Response response, long started, String url) {
        OllamaStream stream = new OllamaStream();
        BufferedSource source = response.body().source();
        try {
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (stream.add(failures.object(url, line, stream.text()), System.nanoTime() - started)) {
                    if (stream.error() != null) {
                        throw failures.streamError(url, response.code(), stream.error(), stream.text());
                    }
                    return stream.answer(System.nanoTime() - started);
                }
            }
        } catch (IOException e) {
            throw failures.io(HttpTransport.classify(e), e, url, stream.text());
        }
        throw failures.incomplete(url, response.code(), stream.text());
    }

    private LiveAnswer readSingle(Response response, long started, String url) throws IOException {
        JsonNode node = parse(response.body().string(), url);
        OllamaStream whole = new OllamaStream();
        whole.add(node, System.nanoTime() - started);
        if (whole.error() != null) {
            throw failures.errorBody(url, response.code(), whole.error());
        }
        if (!whole.isDone()) {
            throw failures.notDone(url, response.code(), node.toString());
        }
        return whole.answer(System.nanoTime() - started).whole();
    }

    private JsonNode parse(String text, String url) {
        return failures.object(url, text, null);
    }
}
