package io.github.llmtest.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.Message;
import io.github.llmtest.Tool;
import io.github.llmtest.ToolCall;
import io.github.llmtest.internal.Jsons;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link Provider} for models named {@code anthropic:<model>}: a thread-safe client for Anthropic's Messages API
 * ({@code POST /v1/messages}) and the servers that speak it (llama.cpp's {@code llama-server}).
 *
 * <p>The key goes in {@code x-api-key}, with {@code anthropic-version: 2023-06-01}. A system prompt is sent as
 * {@code system}, apart from {@code messages}; an assistant turn's tool calls as {@code tool_use} blocks and tool
 * results as {@code tool_result} blocks of a user turn. Every answer is streamed, so time to first token is measured
 * at the first {@code text_delta}; {@code thinking_delta}s are kept apart from the answer. A stream that ends
 * before {@code message_stop} is an incomplete answer, never a short one; an {@code error} event is a failure.
 *
 * <p><b>Options.</b> {@code max_tokens} is required: {@code numPredict} when the test sets it, else
 * {@value #DEFAULT_MAX_TOKENS} (plus the thinking budget when thinking). {@code temperature}, {@code top_p},
 * {@code top_k} are sent as they are, {@code stop} as {@code stop_sequences}; {@code seed} is not part of the API and
 * is not sent. {@code think(true)} or {@code think("medium")} asks for thinking with a budget of 4096 tokens,
 * {@code "low"} 1024, {@code "high"} 16384; thinking takes no temperature, so llmtest's default one is not sent.
 * The other Ollama and OpenAI options are not part of the API: their defaults are left out, and one the test sets
 * is an error before the call, as is a JSON format.
 *
 * <p><b>Retries.</b> 408, 409, 429, 5xx and 529 ({@code overloaded_error}) are retried twice, after
 * {@code retry-after} when the server sends one (up to a minute), else after an exponential backoff; a response
 * with {@code x-should-retry} is retried or not as it says.
 */
public final class AnthropicClient implements Provider {

    /** Anthropic's own API. */
    public static final String DEFAULT_URL = "https://api.anthropic.com";
    /** The endpoint in canonical requests, whatever the base URL. */
    public static final String ENDPOINT = "/v1/messages";
    /** The API version every request names. */
    public static final String VERSION = "2023-06-01";
    /** {@code max_tokens} when the test sets no {@code numPredict}. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private static final Map<String, Integer> BUDGETS = Map.of("low", 1024, "medium", 4096, "high", 16384);
    private static final Set<String> SENT = Set.of("temperature", "top_p", "top_k");

    private final HostedApi api;
    private final AnthropicFailures failures;

    private AnthropicClient(ClientBuilder<AnthropicClient> b) {
        api = new HostedApi(b);
        failures = new AnthropicFailures(b.url().display(), b.timeoutSettings(), api.apiKey() == null);
    }

    /**
     * @return a builder for Anthropic's own API ({@link #DEFAULT_URL}), four requests in flight, and a rate limit,
     * an overload or a server error retried twice after 500 ms (or the wait the server names), doubled each time
     */
    public static ClientBuilder<AnthropicClient> builder() {
        return new ClientBuilder<>(DEFAULT_URL, AnthropicClient::normalizeBaseUrl, 4, 2, Duration.ofMillis(500),
                AnthropicClient::new);
    }

    /**
     * Checks a base URL and drops a trailing slash and a trailing {@code /v1}: the SDKs' base URL is the host
     * ({@code https://api.anthropic.com}), LangChain4j's ends in {@code /v1}; both name the same API.
     *
     * @param value such as {@code https://api.anthropic.com/}
     * @return such as {@code https://api.anthropic.com}
     * @throws IllegalArgumentException when it is not an http or https URL with a host
     */
    public static String normalizeBaseUrl(String value) {
        String url = Objects.requireNonNull(value, "baseUrl").strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v1")) {
            url = url.substring(0, url.length() - 3);
        }
        return BaseUrl.requireHttp(value, url, DEFAULT_URL + " or http://127.0.0.1:8080");
    }

    @Override
    public ObjectNode canonicalRequest(ChatCall call) {
        ObjectNode canonical = Jsons.object().put("endpoint", ENDPOINT).put("provider", AnthropicType.ID);
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
        String url = api.baseUrl() + ENDPOINT;
        Request.Builder request = api.streamed(url, body(call, true).toString());
        authorize(request, Map.of());
        return api.transport().execute(request.build(), this::retryAfter, failures.forModel(call.model()),
                (response, started) -> readStream(response, started, url));
    }

    /** The request body; {@code stream} adds the stream flag. */
    private ObjectNode body(ChatCall call, boolean stream) {
        ObjectNode node = Jsons.object().put("model", call.model());
        Integer budget = budget(call);
        node.put("max_tokens", maxTokens(call, budget));
        List<String> system = new ArrayList<>();
        ArrayNode messages = Jsons.array();
        for (Message message : call.messages()) {
            if (message.role().equals("system")) {
                system.add(message.content());
            } else {
                add(messages, message);
            }
        }
        if (!system.isEmpty()) {
            node.put("system", String.join("\n\n", system));
        }
        node.set("messages", messages);
        if (!call.tools().isEmpty()) {
            ArrayNode tools = node.putArray("tools");
            for (Tool tool : call.tools()) {
                tools.addObject().put("name", tool.name()).put("description", tool.description())
                        .set("input_schema", tool.parameters());
            }
        }
        if (budget != null) {
            node.putObject("thinking").put("type", "enabled").put("budget_tokens", budget);
        }
        options(call, node, budget != null);
        if (call.format() != null) {
            throw failures.unsupported(call.model(), "the Messages API takes no JSON format; ask for JSON in the "
                    + "prompt (and assert it with isJson()), or give the model a tool whose input is the schema");
        }
        if (stream) {
            node.put("stream", true);
        }
        return node;
    }

    /** Appends a message; consecutive tool results go into one user turn, as the API asks. */
    private static void add(ArrayNode messages, Message message) {
        if (message.role().equals("tool")) {
            ObjectNode result = Jsons.object().put("type", "tool_result")
                    .put("tool_use_id", message.toolCallId() != null ? message.toolCallId() : "toolu_0")
                    .put("content", message.content());
            JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            if (last != null && last.path("role").asText().equals("user") && last.path("content").isArray()
                    && last.path("content").path(0).path("type").asText().equals("tool_result")) {
                ((ArrayNode) last.get("content")).add(result);
            } else {
                messages.addObject().put("role", "user").putArray("content").add(result);
            }
            return;
        }
        ObjectNode m = messages.addObject().put("role", message.role());
        if (message.toolCalls().isEmpty()) {
            m.put("content", message.content());
            return;
        }
        ArrayNode blocks = m.putArray("content");
        if (!message.content().isEmpty()) {
            blocks.addObject().put("type", "text").put("text", message.content());
        }
        int index = 0;
        for (ToolCall c : message.toolCalls()) {
            blocks.addObject().put("type", "tool_use").put("id", c.id() != null ? c.id() : "toolu_" + index)
                    .put("name", c.name()).set("input", c.arguments().isObject() ? c.arguments() : Jsons.object());
            index++;
        }
    }

    private Integer budget(ChatCall call) {
        Object think = call.options().asMap().get("think");
        if (think == null || Boolean.FALSE.equals(think)) {
            return null;
        }
        if (Boolean.TRUE.equals(think)) {
            return BUDGETS.get("medium");
        }
        Integer budget = BUDGETS.get(String.valueOf(think));
        if (budget == null) {
            throw failures.unsupported(call.model(), "think(\"" + think + "\") is not a level llmtest knows: give "
                    + "\"low\" (a thinking budget of 1024 tokens), \"medium\" (4096) or \"high\" (16384)");
        }
        return budget;
    }

    private int maxTokens(ChatCall call, Integer budget) {
        Object limit = call.options().asMap().get("num_predict");
        if (limit instanceof Integer n && n > 0) {
            if (budget != null && n <= budget) {
                throw failures.unsupported(call.model(), "numPredict(" + n + ") is sent as max_tokens, which must be "
                        + "more than the thinking budget of " + budget + " tokens; raise it or think less");
            }
            return n;
        }
        return DEFAULT_MAX_TOKENS + (budget == null ? 0 : budget);
    }

    private void options(ChatCall call, ObjectNode node, boolean thinking) {
        for (Map.Entry<String, Object> option : call.options().asMap().entrySet()) {
            String name = option.getKey();
            boolean explicit = call.explicit().contains(name);
            if (name.equals("think") || name.equals("num_predict") || name.equals("seed")) {
                continue; // sent above; the API has no seed
            }
            if (name.equals("stop")) {
                ArrayNode stops = node.putArray("stop_sequences");
                ((List<?>) option.getValue()).forEach(s -> stops.add(String.valueOf(s)));
                continue;
            }
            if (!SENT.contains(name)) {
                if (explicit) {
                    throw failures.unsupported(call.model(), "the option " + name + " is not part of the Messages "
                            + "API; remove it for this model");
                }
                continue;
            }
            if (thinking && !name.equals("top_p")) {
                if (explicit) {
                    throw failures.unsupported(call.model(), "with thinking the Messages API takes no " + name
                            + "; remove it, or think(false)");
                }
                continue;
            }
            Object value = option.getValue();
            if (value instanceof Integer i) {
                node.put(name, i);
            } else if (value instanceof Double d) {
                node.put(name, d);
            }
        }
    }

    /** The path is the API's own ({@code /v1/messages}), appended to the base URL. */
    @Override
    public <T> T forward(String path, byte[] body, String model, Map<String, String> credentials,
                         HttpTransport.Forwarded<T> handler) {
        Request.Builder request = api.forwarded(api.baseUrl() + path, body);
        authorize(request, credentials);
        return api.transport().forward(request.build(), failures.forModel(model), handler);
    }

    /** llmtest's key in {@code x-api-key}; without one, the application's own, if it sent one. */
    private void authorize(Request.Builder request, Map<String, String> credentials) {
        request.header("anthropic-version", VERSION);
        api.authorize(request, credentials, r -> r.header("x-api-key", api.apiKey()));
    }

    /** The wait before retrying, as the server asks where it does, or null when the response is final. */
    private Duration retryAfter(Response response, int attempt) {
        return api.mayRetry(response, attempt) ? api.waitBeforeRetry(response, attempt) : null;
    }

    private LiveAnswer readStream(Response response, long started, String url) {
        AnthropicStream stream = new AnthropicStream();
        EventStreamData events = new EventStreamData(response.body().source(),
                line -> failures.notEventStream(url, response.header("Content-Type"), line));
        try {
            String data;
            while ((data = events.next()) != null) {
                if (!stream.add(failures.object(url, data, stream.text()), System.nanoTime() - started)) {
                    throw failures.streamError(url, stream.error(), stream.text());
                }
                if (stream.stopped()) {
                    return stream.answer(System.nanoTime() - started);
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
