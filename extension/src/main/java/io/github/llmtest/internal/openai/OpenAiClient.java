package io.github.llmtest.internal.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.Message;
import io.github.llmtest.ToolCall;
import io.github.llmtest.internal.provider.ToolWire;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.AdaptiveLimit;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.ClientBuilder;
import io.github.llmtest.internal.provider.EventStreamData;
import io.github.llmtest.internal.provider.HostedApi;
import io.github.llmtest.internal.provider.HttpTransport;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.Readiness;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@link Provider} for models named {@code openai:<model>}: a thread-safe client for the chat completions API
 * of OpenAI and the servers compatible with it (vLLM, llama.cpp's server, LM Studio, Ollama's {@code /v1}, Azure).
 *
 * <p>Every answer is streamed ({@code stream: true} with {@code stream_options.include_usage}), so time to first
 * token is measured at the first content delta and token counts come from the usage chunk; a
 * {@code reasoning_content} (or {@code reasoning}) delta is kept apart from the answer. A stream that ends before
 * {@code data: [DONE]} is an incomplete answer, never a short one.
 *
 * <p><b>Options.</b> {@code temperature}, {@code seed}, {@code top_p}, {@code stop}, {@code presence_penalty} and
 * {@code frequency_penalty} are sent as they are, {@code num_predict} as {@code max_completion_tokens} (OpenAI and
 * Azure, where {@code max_tokens} is deprecated and reasoning models reject it) or {@code max_tokens} (other servers,
 * which all take it). Ollama's runner options ({@code num_ctx}, {@code top_k}, {@code min_p}, {@code repeat_*}) are
 * not part of this API: llmtest's default {@code num_ctx} is left out, and one the test sets is an error. Reasoning
 * models ({@code o1}, {@code o3}, {@code o4-mini}, {@code gpt-5} and their variants) take none of the sampling
 * options: llmtest's defaults are not sent, and one the test sets is an error before the call.
 *
 * <p><b>Retries.</b> 408, 409, 429 and 5xx are retried twice, after {@code retry-after-ms} or {@code retry-after}
 * when the server sends one (capped at a minute, {@link AdaptiveLimit#MAX_WAIT}), else after an exponential backoff; a 429 whose code is
 * {@code insufficient_quota} is not retried, nor a 500 saying that the server could not read the request body
 * (llama.cpp's server answers so).
 */
public final class OpenAiClient implements Provider {

    /** The environment variable holding the key, sent as {@code Authorization: Bearer} (Azure: {@code api-key}). */
    public static final String KEY_VARIABLE = OpenAiFailures.KEY_VARIABLE;
    /** OpenAI's own API. */
    public static final String DEFAULT_URL = "https://api.openai.com/v1";
    /** The endpoint in canonical requests, whatever the base URL. */
    public static final String ENDPOINT = "/v1/chat/completions";

    private static final Pattern REASONING = Pattern.compile("(o\\d+|gpt-5)([-.].*)?");
    private static final Set<String> OLLAMA_ONLY = Set.of("num_ctx", "top_k", "min_p", "repeat_penalty",
            "repeat_last_n");
    private static final Set<String> SAMPLING = Set.of("temperature", "seed", "top_p", "presence_penalty",
            "frequency_penalty");
    /** A line of server-sent events: a comment, or one of the four fields. */

    private final HostedApi api;
    private final boolean azure;
    private final String tokenField;
    private final OpenAiFailures failures;

    private OpenAiClient(ClientBuilder<OpenAiClient> b) {
        api = new HostedApi(b);
        String host = URI.create(api.baseUrl()).getHost();
        host = host == null ? "" : host.toLowerCase(Locale.ROOT);
        azure = host.endsWith(".openai.azure.com") || host.endsWith(".cognitiveservices.azure.com")
                || host.endsWith(".services.ai.azure.com");
        tokenField = azure || host.equals("api.openai.com") ? "max_completion_tokens" : "max_tokens";
        failures = new OpenAiFailures(b.url().display(), b.timeoutSettings(), api.apiKey() == null);
    }

    /**
     * @return a builder for OpenAI's own API ({@link #DEFAULT_URL}; a URL given as text is checked by
     * {@link #normalizeBaseUrl}), four requests in flight, and a rate limit or server error retried twice after
     * 500 ms (or the wait the server names), doubled each time
     */
    public static ClientBuilder<OpenAiClient> builder() {
        return new ClientBuilder<>(DEFAULT_URL, OpenAiClient::normalizeBaseUrl, 4, 2, Duration.ofMillis(500),
                OpenAiClient::new);
    }

    /**
     * Whether a model is one of OpenAI's reasoning models, which take no sampling options.
     *
     * @param model the model name, without {@code openai:}
     * @return true for o1, o3, o4-mini, gpt-5 and their variants
     */
    public static boolean isReasoningModel(String model) {
        return REASONING.matcher(model.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * Checks a base URL and drops a trailing slash.
     *
     * @param value such as {@code https://api.openai.com/v1/}
     * @return such as {@code https://api.openai.com/v1}
     * @throws IllegalArgumentException when it is not an http or https URL with a host
     */
    public static String normalizeBaseUrl(String value) {
        String url = Objects.requireNonNull(value, "baseUrl").strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return BaseUrl.requireHttp(value, url, DEFAULT_URL + " or http://127.0.0.1:8000/v1");
    }

    /** @return the base URL, without a trailing slash */
    public String baseUrl() {
        return api.baseUrl();
    }

    /** @return whether the base URL is Azure's, so the key goes in {@code api-key} */
    boolean azure() {
        return azure;
    }

    @Override
    public ObjectNode canonicalRequest(ChatCall call) {
        ObjectNode canonical = Jsons.object().put("endpoint", ENDPOINT).put("provider", "openai");
        canonical.setAll(body(call, false));
        return canonical;
    }

    /** No warm-up: hosted models are always loaded, and servers load their model at start. */
    @Override
    public Readiness prepare(String model) {
        return new Readiness(null, null, null);
    }

    @Override
    public LiveAnswer chat(ChatCall call) {
        Objects.requireNonNull(call, "call");
        String url = url("/chat/completions");
        Request.Builder request = api.streamed(url, body(call, true).toString());
        authorize(request, Map.of());
        return api.transport().execute(request.build(), this::retryAfter, failures.forModel(call.model()),
                (response, started) -> readStream(response, started, url));
    }

    /** The request body; {@code stream} adds the stream flag and asks for the usage chunk. */
    private ObjectNode body(ChatCall call, boolean stream) {
        ObjectNode node = Jsons.object().put("model", call.model());
        ArrayNode messages = node.putArray("messages");
        for (Message message : call.messages()) {
            messages.add(message(message));
        }
        if (!call.tools().isEmpty()) {
            node.set("tools", ToolWire.tools(call.tools()));
        }
        options(call, node);
        if (call.format() != null) {
            ObjectNode format = node.putObject("response_format");
            call.format().schema().ifPresentOrElse(schema -> format.put("type", "json_schema")
                    .putObject("json_schema").put("name", "answer").set("schema", schema),
                    () -> format.put("type", "json_object"));
        }
        if (stream) {
            node.put("stream", true).putObject("stream_options").put("include_usage", true);
        }
        return node;
    }

    /** OpenAI's message: an assistant turn's tool calls carry their arguments as a string; a result its call's id. */
    private static ObjectNode message(Message message) {
        ObjectNode m = Jsons.object().put("role", message.role());
        if (message.role().equals("assistant") && !message.toolCalls().isEmpty() && message.content().isEmpty()) {
            m.putNull("content");
        } else {
            m.put("content", message.content());
        }
        if (!message.toolCalls().isEmpty()) {
            ArrayNode calls = m.putArray("tool_calls");
            int index = 0;
            for (ToolCall c : message.toolCalls()) {
                calls.addObject().put("id", c.id() != null ? c.id() : "call_" + index).put("type", "function")
                        .putObject("function").put("name", c.name()).put("arguments", ToolWire.argumentsText(c));
                index++;
            }
        }
        if (message.role().equals("tool")) {
            m.put("tool_call_id", message.toolCallId() != null ? message.toolCallId() : "call_0");
        }
        return m;
    }

    private void options(ChatCall call, ObjectNode node) {
        boolean reasoning = isReasoningModel(call.model());
        for (Map.Entry<String, Object> option : call.options().asMap().entrySet()) {
            String name = option.getKey();
            boolean explicit = call.explicit().contains(name);
            if (name.equals("think")) {
                if (option.getValue() instanceof String level) {
                    node.put("reasoning_effort", level);
                } else {
                    throw failures.unsupported(call.model(), "think(true/false) has no OpenAI equivalent: give a "
                            + "level instead, think(\"low\"), think(\"medium\") or think(\"high\"), sent as "
                            + "reasoning_effort");
                }
                continue;
            }
            if (OLLAMA_ONLY.contains(name)) {
                if (explicit) {
                    throw failures.unsupported(call.model(), "the option " + name + " is Ollama's and not part of "
                            + "the OpenAI API; remove it for this model");
                }
                continue;
            }
            if (reasoning && SAMPLING.contains(name)) {
                if (explicit && !name.equals("seed")) {
                    throw failures.unsupported(call.model(), call.model() + " is a reasoning model and takes no "
                            + name + " (only its default); remove " + name + " for this model");
                }
                continue;
            }
            // reasoning models take only max_completion_tokens, wherever they are served
            String tokens = reasoning ? "max_completion_tokens" : tokenField;
            put(node, name.equals("num_predict") ? tokens : name, option.getValue());
        }
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value instanceof Integer i) {
            if (!(name.startsWith("max_") && i < 0)) {
                node.put(name, i); // a negative token limit is Ollama's "no limit": send none
            }
        } else if (value instanceof Double d) {
            node.put(name, d);
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(name);
            list.forEach(item -> array.add(String.valueOf(item)));
        }
    }

    /**
     * {@inheritDoc} The path's {@code /v1} stands for the base URL: {@code /v1/chat/completions} goes to
     * {@code <base>/chat/completions}.
     */
    @Override
    public <T> T forward(String path, byte[] body, String model, Map<String, String> credentials,
                         HttpTransport.Forwarded<T> handler) {
        String suffix = path.startsWith("/v1/") || path.equals("/v1") ? path.substring(3) : path;
        Request.Builder request = api.forwarded(url(suffix), body);
        authorize(request, credentials);
        return api.transport().forward(request.build(), failures.forModel(model), handler);
    }

    /** llmtest's key in the header the server reads; without one, the application's own, if it sent one. */
    private void authorize(Request.Builder request, Map<String, String> credentials) {
        api.authorize(request, credentials, r -> r.header(azure ? "api-key" : "Authorization",
                azure ? api.apiKey() : "Bearer " + api.apiKey()));
    }

    /** The base URL with {@code suffix} appended to its path, before any query (Azure's {@code api-version}). */
    private String url(String suffix) {
        String base = api.baseUrl();
        int query = base.indexOf('?');
        return query < 0 ? base + suffix : base.substring(0, query) + suffix + base.substring(query);
    }

    /** The wait before retrying, as the server asks where it does, or null when the response is final. */
    private Duration retryAfter(Response response, int attempt) throws IOException {
        if (!api.mayRetry(response, attempt)) {
            return null;
        }
        int code = response.code();
        if (code == 429 && "insufficient_quota".equals(OpenAiFailures.ServerError.of(
                response.peekBody(64 * 1024).string()).code())) {
            return null;
        }
        if (code >= 500 && OpenAiFailures.ServerError.of(response.peekBody(64 * 1024).string()).unreadableRequest()) {
            return null; // the same body would fail the same way
        }
        return api.waitBeforeRetry(response, attempt);
    }

    private LiveAnswer readStream(Response response, long started, String url) {
        OpenAiStream stream = new OpenAiStream();
        EventStreamData events = new EventStreamData(response.body().source(),
                line -> failures.notEventStream(url, response.header("Content-Type"), line));
        try {
            String data;
            while ((data = events.next()) != null) {
                if (data.equals("[DONE]")) {
                    return stream.answer(System.nanoTime() - started);
                }
                if (!stream.add(failures.object(url, data, stream.text()), System.nanoTime() - started)) {
                    throw failures.streamError(url, stream.error(), stream.text());
                }
            }
        } catch (IOException e) {
            throw failures.io(HttpTransport.classify(e), e, url, stream.text());
        }
        throw failures.incomplete(url, stream.text());
    }

    @Override
    public int maxInFlight() {
        return api.maxInFlight();
    }

    @Override
    public void close() {
        api.close();
    }
}
