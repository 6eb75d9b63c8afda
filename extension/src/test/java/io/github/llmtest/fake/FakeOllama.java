package io.github.llmtest.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process HTTP server that speaks Ollama's protocol as documented: NDJSON streams ending in a
 * {@code done:true} object with metrics, {@code {"error":...}} bodies with the documented status codes, the load
 * response for empty requests, and the probe endpoints. Tests script it with {@link #enqueue(Reply)} for one-off
 * responses and {@link #answerWith(Function)} for the default answer.
 */
public final class FakeOllama implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Ollama's Go server sets TCP_NODELAY; the JDK server does not unless asked, and then Nagle's algorithm
        // meets delayed ACKs and stalls small streamed writes by ~40 ms. Read once, before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-ollama");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Reply> queue = new ConcurrentLinkedDeque<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> models = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<JsonNode, String> answerer = FakeOllama::echo;
    private volatile Function<String, float[]> embedder;
    private volatile Duration chunkDelay = Duration.ZERO;
    private volatile String version = "0.12.6";

    private FakeOllama() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        installModel("phi4:latest", "ac896e5b8b34a1f4efa7b14d7520725140d5512484457fab45d2a4ea14c69dba");
    }

    /** @return a started server on a free loopback port with {@code phi4:latest} installed */
    public static FakeOllama start() {
        try {
            return new FakeOllama();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the fake Ollama server", e);
        }
    }

    /** @return the base URL, for example {@code http://127.0.0.1:54321} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @param reply served to the next chat or generate request instead of the default answer */
    public FakeOllama enqueue(Reply reply) {
        queue.add(reply);
        return this;
    }

    /** @param function computes the answer text from the request JSON */
    /** Answers {@code /api/embed} with these vectors, one per input, instead of the one fixed vector. */
    public FakeOllama embedWith(Function<String, float[]> function) {
        embedder = function;
        return this;
    }

    public FakeOllama answerWith(Function<JsonNode, String> function) {
        answerer = function;
        return this;
    }

    /** @param delay the pause before each streamed chunk of default answers */
    public FakeOllama chunkDelay(Duration delay) {
        chunkDelay = delay;
        return this;
    }

    public FakeOllama installModel(String name, String digest) {
        models.put(name, digest);
        return this;
    }

    public FakeOllama removeModel(String name) {
        models.remove(name);
        return this;
    }

    public FakeOllama version(String value) {
        version = value;
        return this;
    }

    /** @return every request received, in order */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** @return requests to one path */
    public List<Recorded> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** @return the chat and generate requests that asked for an answer (not loads) */
    public List<Recorded> generations() {
        return requests.stream().filter(Recorded::isGeneration).toList();
    }

    /** @return the largest number of requests that were being served at the same moment */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        exchange.setAttribute(FINISH, finish);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            Recorded recorded = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    body);
            requests.add(recorded);
            route(exchange, recorded);
            exchange.close();
        } catch (Reply.DroppedConnection dropped) {
            // leave the exchange open: the JDK server then closes the socket without ending the chunked body
            throw dropped;
        } finally {
            finish.run();
        }
    }

    private static final String FINISH = "fake-ollama.finish";

    /**
     * Marks the exchange as answered, just before its last bytes are written: from then on the client may send its
     * next request, so a request counts as in flight from its arrival until here.
     */
    static void finishing(HttpExchange exchange) {
        Object finish = exchange.getAttribute(FINISH);
        if (finish instanceof Runnable r) {
            r.run();
        }
    }

    private void route(HttpExchange exchange, Recorded request) throws IOException {
        String path = request.path();
        switch (path) {
            case "/" -> send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
            case "/api/version" -> send(exchange, 200, "application/json; charset=utf-8",
                    "{\"version\":\"" + version + "\"}");
            case "/api/tags" -> send(exchange, 200, "application/json; charset=utf-8", tags());
            case "/api/show" -> show(exchange, request);
            case "/api/chat", "/api/generate" -> generate(exchange, request);
            case "/api/embed" -> send(exchange, 200, "application/json; charset=utf-8", embedder != null
                    ? embedded(request.json()) : "{\"model\":\""
                    + request.json().path("model").asText() + "\",\"embeddings\":[[0.25,-0.5,0.125]],"
                    + "\"total_duration\":14143917,\"load_duration\":1019500,\"prompt_eval_count\":4}");
            default -> send(exchange, 404, "text/plain", "404 page not found");
        }
    }

    private String embedded(JsonNode request) {
        StringBuilder vectors = new StringBuilder();
        for (String text : TextVectors.inputs(request)) {
            vectors.append(vectors.length() == 0 ? "" : ",").append(TextVectors.json(embedder.apply(text)));
        }
        return "{\"model\":\"" + request.path("model").asText() + "\",\"embeddings\":[" + vectors
                + "],\"total_duration\":14143917,\"load_duration\":1019500,\"prompt_eval_count\":4}";
    }

    private String tags() {
        StringBuilder out = new StringBuilder("{\"models\":[");
        synchronized (models) {
            int i = 0;
            for (Map.Entry<String, String> m : models.entrySet()) {
                if (i++ > 0) {
                    out.append(',');
                }
                out.append("{\"name\":\"").append(m.getKey()).append("\",\"model\":\"").append(m.getKey())
                        .append("\",\"modified_at\":\"2025-01-14T09:16:25.911933283Z\",\"size\":9053116391,")
                        .append("\"digest\":\"").append(m.getValue()).append("\",\"details\":{\"parent_model\":\"\",")
                        .append("\"format\":\"gguf\",\"family\":\"phi3\",\"families\":[\"phi3\"],")
                        .append("\"parameter_size\":\"14.7B\",\"quantization_level\":\"Q4_K_M\"}}");
            }
        }
        return out.append("]}").toString();
    }

    private void show(HttpExchange exchange, Recorded request) throws IOException {
        String model = request.json().path("model").asText();
        if (!installed(model)) {
            send(exchange, 404, "application/json; charset=utf-8", "{\"error\":\"model '" + model + "' not found\"}");
            return;
        }
        send(exchange, 200, "application/json; charset=utf-8", "{\"license\":\"MIT\",\"modelfile\":\"FROM x\","
                + "\"parameters\":\"stop                           \\\"<|im_start|>\\\"\",\"template\":\"{{ .Prompt }}\","
                + "\"details\":{\"format\":\"gguf\",\"family\":\"phi3\",\"parameter_size\":\"14.7B\","
                + "\"quantization_level\":\"Q4_K_M\"},\"model_info\":{\"general.architecture\":\"phi3\","
                + "\"phi3.context_length\":16384},\"capabilities\":[\"completion\"],"
                + "\"modified_at\":\"2025-01-14T09:16:25.911933283Z\"}");
    }

    boolean installed(String model) {
        String wanted = model.contains(":") ? model : model + ":latest";
        return models.containsKey(model) || models.containsKey(wanted);
    }

    private void generate(HttpExchange exchange, Recorded request) throws IOException {
        Reply scripted = request.isGeneration() ? queue.poll() : null;
        if (scripted != null) {
            scripted.serve(exchange, request);
            return;
        }
        JsonNode json = request.json();
        String model = json.path("model").asText("");
        if (model.isEmpty()) {
            send(exchange, 400, "application/json; charset=utf-8", "{\"error\":\"model is required\"}");
            return;
        }
        if (!installed(model)) {
            send(exchange, 404, "application/json; charset=utf-8", "{\"error\":\"model '" + model + "' not found\"}");
            return;
        }
        if (!request.isGeneration()) {
            String reason = json.path("keep_alive").asText("").equals("0s") ? "unload" : "load";
            String content = request.isChat() ? "\"message\":{\"role\":\"assistant\",\"content\":\"\"}"
                    : "\"response\":\"\"";
            send(exchange, 200, "application/json; charset=utf-8", "{\"model\":\"" + model + "\",\"created_at\":\""
                    + "2025-01-14T09:20:00.5Z\"," + content + ",\"done_reason\":\"" + reason + "\",\"done\":true}");
            return;
        }
        Reply.answer(answerer.apply(json), chunkDelay).serve(exchange, request);
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        finishing(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String echo(JsonNode request) {
        JsonNode messages = request.path("messages");
        if (messages.isArray() && messages.size() > 0) {
            return "You said: " + messages.get(messages.size() - 1).path("content").asText();
        }
        return "You said: " + request.path("prompt").asText();
    }

    /** One request as the server saw it. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("request body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        boolean isChat() {
            return path.equals("/api/chat");
        }

        boolean isGeneration() {
            if (!method.equals("POST")) {
                return false;
            }
            JsonNode json = json();
            if (path.equals("/api/chat")) {
                return json.path("messages").isArray() && json.path("messages").size() > 0;
            }
            return path.equals("/api/generate") && !json.path("prompt").asText("").isEmpty();
        }

        /** @return the chat messages' contents joined, or the prompt */
        public String prompt() {
            JsonNode json = json();
            if (json.has("prompt")) {
                return json.path("prompt").asText();
            }
            List<String> parts = new ArrayList<>();
            json.path("messages").forEach(m -> parts.add(m.path("content").asText()));
            return String.join("\n", parts);
        }

        public ObjectNode options() {
            JsonNode options = json().path("options");
            return options.isObject() ? (ObjectNode) options : JSON.createObjectNode();
        }
    }
}
