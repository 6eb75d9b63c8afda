package io.github.llmtest.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A thread-safe client for one Ollama server. Build one per base URL and share it; {@link #close()} releases its
 * connections.
 *
 * <pre>{@code
 * try (OllamaClient client = OllamaClient.builder().baseUrl("http://127.0.0.1:11434").build()) {
 *     OllamaResponse answer = client.chat(ChatRequest.builder("phi4").user("2 + 2 = ?").build());
 *     System.out.println(answer.text() + " in " + answer.wallTime());
 * }
 * }</pre>
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
public final class OllamaClient implements AutoCloseable {

    /** The environment variable holding an API key for hosted Ollama, sent as a bearer token. */
    public static final String API_KEY_VARIABLE = "OLLAMA_API_KEY";

    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final String USER_AGENT = "llmtest/" + readVersion();
    private static final int MAX_QUOTE = 200;

    private final String baseUrl;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final int busyRetries;
    private final Duration busyBackoff;
    private final Semaphore inFlight;
    private final OkHttpClient http;

    private OllamaClient(Builder b) {
        baseUrl = b.baseUrl;
        apiKey = b.apiKey;
        connectTimeout = b.connectTimeout;
        readTimeout = b.readTimeout;
        callTimeout = b.callTimeout;
        busyRetries = b.busyRetries;
        busyBackoff = b.busyBackoff;
        inFlight = new Semaphore(b.maxConcurrentRequests, true);
        http = new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(callTimeout)
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * A client configured the way Ollama's own tools are: {@code OLLAMA_HOST} for the address and
     * {@code OLLAMA_API_KEY} for an optional bearer token.
     *
     * @return a new client
     */
    public static OllamaClient fromEnvironment() {
        return builder().baseUrl(OllamaHost.fromEnvironment()).apiKey(System.getenv(API_KEY_VARIABLE)).build();
    }

    /** @return a builder with the defaults described on this class */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the base URL, without a trailing slash */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return the {@code User-Agent} this client sends */
    public static String userAgent() {
        return USER_AGENT;
    }

    /**
     * Sends a chat request and streams the answer, measuring the time to the first token.
     *
     * @param request the request
     * @return the complete answer
     * @throws OllamaException if the call fails; see {@link OllamaException.Kind}
     */
    public OllamaResponse chat(ChatRequest request) {
        return chat(request, true);
    }

    /**
     * Sends a chat request.
     *
     * @param request the request
     * @param stream  true to stream NDJSON (time to first token is measured), false for one JSON object
     * @return the complete answer
     * @throws OllamaException if the call fails
     */
    public OllamaResponse chat(ChatRequest request, boolean stream) {
        Objects.requireNonNull(request, "request");
        return post("/api/chat", request.toJson(stream), request.model(), stream, "message");
    }

    /**
     * Sends a generate request and streams the answer.
     *
     * @param request the request
     * @return the complete answer
     * @throws OllamaException if the call fails
     */
    public OllamaResponse generate(GenerateRequest request) {
        return generate(request, true);
    }

    /**
     * Sends a generate request.
     *
     * @param request the request
     * @param stream  true to stream NDJSON, false for one JSON object
     * @return the complete answer
     * @throws OllamaException if the call fails
     */
    public OllamaResponse generate(GenerateRequest request, boolean stream) {
        Objects.requireNonNull(request, "request");
        return post("/api/generate", request.toJson(stream), request.model(), stream, "response");
    }

    /**
     * Loads a model into memory without generating anything (a chat with no messages), so that later calls do
     * not pay the load. The returned {@link OllamaResponse#wallTime()} is how long the load took.
     *
     * @param model     the model to load
     * @param keepAlive how long it stays loaded; {@code null} for the server default
     * @return the server's answer, with {@code done_reason} {@code load}
     * @throws OllamaException if the call fails, for example {@link OllamaException.Kind#MODEL_NOT_FOUND}
     */
    public OllamaResponse load(String model, KeepAlive keepAlive) {
        ChatRequest request = ChatRequest.builder(model).keepAlive(keepAlive).build();
        return post("/api/chat", request.toJson(false), model, false, "message");
    }

    /**
     * Whether a server answers at the base URL with Ollama's greeting. Never throws.
     *
     * @return true if {@code GET /} answered 200
     */
    public boolean isRunning() {
        try {
            return execute(new Request.Builder().url(baseUrl + "/").get(), null, (response, started) -> response.code() == 200);
        } catch (OllamaException e) {
            return false;
        }
    }

    /**
     * The server's version, from {@code GET /api/version}.
     *
     * @return for example {@code 0.5.1}
     * @throws OllamaException if the server cannot be reached or does not answer like Ollama
     */
    public String version() {
        JsonNode node = getJson("/api/version", null);
        String version = Json.text(node, "version");
        if (version == null) {
            throw malformed(baseUrl + "/api/version", node.toString(), null, null);
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
        JsonNode node = getJson("/api/tags", null);
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode m : node.path("models")) {
            JsonNode details = m.path("details");
            models.add(new ModelInfo(m.path("name").asText(m.path("model").asText("")), Json.text(m, "digest"),
                    m.path("size").asLong(0), Json.text(details, "family"), Json.text(details, "parameter_size"),
                    Json.text(details, "quantization_level")));
        }
        return List.copyOf(models);
    }

    /**
     * Describes an installed model, from {@code POST /api/show}.
     *
     * @param model the model name
     * @return its template, parameters, details and capabilities
     * @throws OllamaException with {@link OllamaException.Kind#MODEL_NOT_FOUND} if it is not pulled
     */
    public ModelDescription show(String model) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", model);
        JsonNode node = getJson("/api/show", body);
        JsonNode details = node.path("details");
        List<String> capabilities = new ArrayList<>();
        node.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        Map<String, String> info = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("model_info").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            info.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        return new ModelDescription(node.path("parameters").asText(""), node.path("template").asText(""),
                node.path("system").asText(""), Json.text(details, "family"), Json.text(details, "parameter_size"),
                Json.text(details, "quantization_level"), List.copyOf(capabilities), Map.copyOf(info));
    }

    /** Releases pooled connections and threads. The client must not be used afterwards. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The underlying OkHttp client, for tests that check nothing is left behind. */
    OkHttpClient http() {
        return http;
    }

    private JsonNode getJson(String path, ObjectNode postBody) {
        String url = baseUrl + path;
        Request.Builder request = new Request.Builder().url(url);
        if (postBody == null) {
            request.get();
        } else {
            request.post(RequestBody.create(postBody.toString(), JSON_TYPE));
        }
        String model = postBody == null ? null : Json.text(postBody, "model");
        return execute(request, model, (response, started) -> {
            String text = bodyText(response, url);
            return parse(text, url);
        });
    }

    private OllamaResponse post(String path, ObjectNode body, String model, boolean stream, String contentField) {
        String url = baseUrl + path;
        Request.Builder request = new Request.Builder().url(url)
                .header("Accept", stream ? "application/x-ndjson" : "application/json")
                .post(RequestBody.create(body.toString(), JSON_TYPE));
        return execute(request, model, (response, started) -> stream
                ? readStream(response, started, url, contentField)
                : readSingle(response, started, url, contentField));
    }

    private interface Handler<T> {
        T handle(Response response, long startedNanos) throws IOException;
    }

    /** Sends a request with the common headers, bounded concurrency, busy retries and error mapping. */
    private <T> T execute(Request.Builder builder, String model, Handler<T> handler) {
        builder.header("User-Agent", USER_AGENT);
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        Request request = builder.build();
        String url = request.url().toString();
        acquireSlot(url);
        try {
            for (int attempt = 0; ; attempt++) {
                long started = System.nanoTime();
                try (Response response = http.newCall(request).execute()) {
                    if (response.code() == 503 && attempt < busyRetries) {
                        sleepBeforeRetry(url, attempt);
                        continue;
                    }
                    if (!response.isSuccessful()) {
                        throw httpError(response, url, model, attempt + 1);
                    }
                    return handler.handle(response, started);
                } catch (IOException e) {
                    throw ioError(e, url, null);
                }
            }
        } finally {
            inFlight.release();
        }
    }

    private void acquireSlot(String url) {
        try {
            if (!inFlight.tryAcquire(callTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new OllamaException(OllamaException.Kind.TIMEOUT, url, null,
                        "Waited " + callTimeout.toSeconds() + " s for a free slot to call Ollama at " + url
                                + ": other requests were still running. Raise maxConcurrentRequests or the call timeout.",
                        null, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(url, e);
        }
    }

    private void sleepBeforeRetry(String url, int attempt) {
        long millis = busyBackoff.toMillis() << Math.min(attempt, 16);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(url, e);
        }
    }

    private OllamaResponse readStream(Response response, long started, String url, String contentField)
            throws IOException {
        StringBuilder text = new StringBuilder();
        Long firstToken = null;
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        try {
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = parseLine(line, url, text);
                String error = Json.text(node, "error");
                if (error != null) {
                    throw new OllamaException(OllamaException.Kind.STREAM_ERROR, url, response.code(),
                            "Ollama at " + url + " reported an error in the middle of the answer: " + error
                                    + " (" + text.length() + " characters had arrived). Check the server log; the "
                                    + "model may have run out of memory or crashed.", text.toString(), null);
                }
                String piece = piece(node, contentField);
                if (!piece.isEmpty()) {
                    if (firstToken == null) {
                        firstToken = System.nanoTime() - started;
                    }
                    text.append(piece);
                }
                if (node.path("done").asBoolean(false)) {
                    long wall = System.nanoTime() - started;
                    return new OllamaResponse(Json.text(node, "model"), text.toString(),
                            Json.text(node, "done_reason"), Json.text(node, "created_at"), ServerMetrics.from(node),
                            Duration.ofNanos(wall), firstToken == null ? null : Duration.ofNanos(firstToken));
                }
            }
        } catch (IOException e) {
            throw ioError(e, url, text.toString());
        }
        throw new OllamaException(OllamaException.Kind.INCOMPLETE_STREAM, url, response.code(),
                "The answer from Ollama at " + url + " ended without its final \"done\": true object after "
                        + text.length() + " characters. The server or a proxy closed the stream early; check the "
                        + "server log and retry.", text.toString(), null);
    }

    private OllamaResponse readSingle(Response response, long started, String url, String contentField)
            throws IOException {
        JsonNode node = parse(bodyText(response, url), url);
        long wall = System.nanoTime() - started;
        String error = Json.text(node, "error");
        if (error != null) {
            throw new OllamaException(OllamaException.Kind.SERVER_ERROR, url, response.code(),
                    "Ollama at " + url + " answered with an error: " + error, null, null);
        }
        if (!node.path("done").asBoolean(false)) {
            throw new OllamaException(OllamaException.Kind.INCOMPLETE_STREAM, url, response.code(),
                    "The answer from Ollama at " + url + " is not marked \"done\": true: " + quote(node.toString()),
                    null, null);
        }
        return new OllamaResponse(Json.text(node, "model"), piece(node, contentField), Json.text(node, "done_reason"),
                Json.text(node, "created_at"), ServerMetrics.from(node), Duration.ofNanos(wall), null);
    }

    private static String piece(JsonNode node, String contentField) {
        JsonNode value = "message".equals(contentField) ? node.path("message").path("content")
                : node.path(contentField);
        return value.isTextual() ? value.asText() : "";
    }

    private String bodyText(Response response, String url) throws IOException {
        try {
            return response.body().string();
        } catch (IOException e) {
            throw ioError(e, url, null);
        }
    }

    private JsonNode parseLine(String line, String url, StringBuilder soFar) {
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            if (node == null || !node.isObject()) {
                throw malformed(url, line, null, soFar.toString());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(url, line, e, soFar.toString());
        }
    }

    private JsonNode parse(String text, String url) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw malformed(url, text, null, null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(url, text, e, null);
        }
    }

    /** A body or stream line that is not Ollama's JSON; {@code partial} is the text streamed before it, if any. */
    private static OllamaException malformed(String url, String body, Exception cause, String partial) {
        return new OllamaException(OllamaException.Kind.MALFORMED_RESPONSE, url, null,
                "The answer from " + url + " is not the JSON Ollama sends; it starts with: " + quote(body)
                        + ". Check that the URL points at an Ollama server and not at a proxy or another service.",
                partial, cause);
    }

    private OllamaException httpError(Response response, String url, String model, int tries) throws IOException {
        int code = response.code();
        String raw = response.peekBody(64 * 1024).string();
        String serverMessage = serverMessage(raw);
        String said = serverMessage.isEmpty() ? "" : " (server said: " + serverMessage + ")";
        OllamaException.Kind kind;
        String message;
        if (code == 404 && model != null && serverMessage.contains("not found")) {
            kind = OllamaException.Kind.MODEL_NOT_FOUND;
            message = "Model '" + model + "' is not available on Ollama at " + baseUrl + said
                    + ". Pull it with `ollama pull " + model + "`, or check the model name.";
        } else if (code == 503) {
            kind = OllamaException.Kind.BUSY;
            message = "Ollama at " + url + " was busy (503" + (serverMessage.isEmpty() ? "" : ": " + serverMessage)
                    + ") on all " + tries + " tries. Run fewer requests at once, or raise OLLAMA_MAX_QUEUE and "
                    + "OLLAMA_NUM_PARALLEL on the server.";
        } else if (code == 400) {
            kind = OllamaException.Kind.BAD_REQUEST;
            message = "Ollama at " + url + " rejected the request (400)" + said
                    + ". Fix the request: for example phi4 supports neither tools nor thinking.";
        } else if (code >= 500) {
            kind = OllamaException.Kind.SERVER_ERROR;
            message = "Ollama at " + url + " failed with status " + code + said
                    + ". Look at the server's log (the output of `ollama serve`) for the cause.";
        } else if (code == 403) {
            kind = OllamaException.Kind.HTTP_ERROR;
            message = "Ollama at " + url + " refused the request (403)" + said + ". A server bound to loopback only "
                    + "accepts local host names; set OLLAMA_ORIGINS or call it by 127.0.0.1.";
        } else if (code == 401) {
            kind = OllamaException.Kind.HTTP_ERROR;
            message = "Ollama at " + url + " requires authentication (401)" + said + ". Set OLLAMA_API_KEY.";
        } else {
            kind = OllamaException.Kind.HTTP_ERROR;
            message = "Ollama at " + url + " answered with status " + code + said
                    + ". Check that the URL points at an Ollama server (default " + OllamaHost.DEFAULT_URL + ").";
        }
        return new OllamaException(kind, url, code, message, null, null);
    }

    private static String serverMessage(String raw) {
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            if (node != null && node.isObject() && node.has("error")) {
                JsonNode error = node.get("error");
                return error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
            }
        } catch (JsonProcessingException e) {
            // not JSON: quote the text itself
        }
        return quote(raw.strip());
    }

    private OllamaException ioError(IOException e, String url, String partial) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new OllamaException(OllamaException.Kind.UNREACHABLE, url, null,
                    "Could not connect to Ollama at " + url + " (" + e.getMessage() + "). Start it with "
                            + "`ollama serve`, or set OLLAMA_HOST to where it runs.", partial, e);
        }
        if (e instanceof UnknownHostException) {
            return new OllamaException(OllamaException.Kind.UNREACHABLE, url, null,
                    "Could not find the host of Ollama at " + url + " (unknown host " + e.getMessage()
                            + "). Check OLLAMA_HOST, or start Ollama locally with `ollama serve`.", partial, e);
        }
        if (e instanceof SocketTimeoutException) {
            boolean connect = String.valueOf(e.getMessage()).toLowerCase().contains("connect");
            String which = connect
                    ? "the connect timeout of " + seconds(connectTimeout)
                    : "the read timeout of " + seconds(readTimeout) + " without any data";
            return new OllamaException(OllamaException.Kind.TIMEOUT, url, null,
                    "Ollama at " + url + " did not answer within " + which + ". A large model may still be "
                            + "loading: warm it up first, or raise the timeout.", partial, e);
        }
        if (e instanceof InterruptedIOException) {
            if (Thread.currentThread().isInterrupted()) {
                return interrupted(url, e);
            }
            return new OllamaException(OllamaException.Kind.TIMEOUT, url, null,
                    "The call to Ollama at " + url + " took longer than the call timeout of " + seconds(callTimeout)
                            + ". Raise the call timeout or ask for a shorter answer (num_predict).", partial, e);
        }
        return new OllamaException(OllamaException.Kind.CONNECTION_LOST, url, null,
                "The connection to Ollama at " + url + " broke while reading the answer (" + e.getMessage()
                        + ")" + (partial == null ? "" : " after " + partial.length() + " characters")
                        + ". The server may have crashed or restarted; check its log and retry.", partial, e);
    }

    private static OllamaException interrupted(String url, Exception cause) {
        return new OllamaException(OllamaException.Kind.INTERRUPTED, url, null,
                "The call to Ollama at " + url + " was interrupted.", null, cause);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String quote(String text) {
        String oneLine = text.replace("\n", "\\n");
        return "'" + (oneLine.length() > MAX_QUOTE ? oneLine.substring(0, MAX_QUOTE) + "…" : oneLine) + "'";
    }

    private static String readVersion() {
        try (InputStream in = OllamaClient.class.getResourceAsStream("/io/github/llmtest/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** Settings for a client; every setter returns the builder. */
    public static final class Builder {
        private String baseUrl = OllamaHost.DEFAULT_URL;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofMinutes(5);
        private Duration callTimeout = Duration.ofMinutes(15);
        private int maxConcurrentRequests = 1;
        private int busyRetries = 3;
        private Duration busyBackoff = Duration.ofSeconds(1);

        private Builder() {
        }

        /**
         * @param value a URL or an {@code OLLAMA_HOST}-style value, resolved by {@link OllamaHost#resolve(String)}
         * @return this builder
         */
        public Builder baseUrl(String value) {
            baseUrl = OllamaHost.resolve(value);
            return this;
        }

        /**
         * @param value a key for hosted Ollama, sent as {@code Authorization: Bearer}; {@code null} sends none
         * @return this builder
         */
        public Builder apiKey(String value) {
            apiKey = value;
            return this;
        }

        /**
         * @param value how long to wait for a TCP connection (default 5 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            connectTimeout = positive("connectTimeout", value);
            return this;
        }

        /**
         * @param value the longest silence allowed while waiting for headers or between two chunks (default 5 min,
         *              enough for a large model to load)
         * @return this builder
         */
        public Builder readTimeout(Duration value) {
            readTimeout = positive("readTimeout", value);
            return this;
        }

        /**
         * @param value the longest a whole call may take, retries included (default 15 min)
         * @return this builder
         */
        public Builder callTimeout(Duration value) {
            callTimeout = positive("callTimeout", value);
            return this;
        }

        /**
         * @param value how many requests may be in flight at once (default 1, like Ollama's
         *              {@code OLLAMA_NUM_PARALLEL})
         * @return this builder
         */
        public Builder maxConcurrentRequests(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, but was " + value);
            }
            maxConcurrentRequests = value;
            return this;
        }

        /**
         * @param retries how often a 503 is retried (default 3)
         * @param backoff the wait before the first retry, doubled for each further one (default 1 s)
         * @return this builder
         */
        public Builder busyRetries(int retries, Duration backoff) {
            if (retries < 0) {
                throw new IllegalArgumentException("busyRetries must not be negative, but was " + retries);
            }
            busyRetries = retries;
            busyBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** @return the client */
        public OllamaClient build() {
            return new OllamaClient(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + value);
            }
            return value;
        }
    }
}
