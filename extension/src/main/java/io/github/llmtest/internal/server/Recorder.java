package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.FixtureException;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.ollama.OllamaStream;
import io.github.llmtest.internal.openai.OpenAiStream;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ServerMetrics;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends an application's request to the upstream server and streams the answer back to the application as it
 * arrives (so that its time to first token is real), reading it at the same time into what a recording keeps.
 * An upstream error is passed on to the application as it came, and reported to the test.
 */
final class Recorder {

    /**
     * What came back.
     *
     * @param answer  the answer, or null when there was none
     * @param body    the whole body of an embeddings answer, or null
     * @param problem why nothing can be recorded, or null
     */
    record Outcome(LiveAnswer answer, JsonNode body, RuntimeException problem) {
    }

    private final ServerExchange exchange;
    private final Endpoint endpoint;
    private final JsonNode request;
    private final boolean clientAskedUsage;
    private final Consumer<Outcome> complete;
    private final Consumer<RuntimeException> failed;

    /**
     * @param complete takes a complete answer, and {@code failed} a problem, before the last bytes of the response
     *                 reach the application: by the time the application has its answer, the test knows
     * @param failed   takes what went wrong when nothing can be recorded
     */
    Recorder(ServerExchange exchange, Endpoint endpoint, Consumer<Outcome> complete,
             Consumer<RuntimeException> failed) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.request = exchange.json();
        this.clientAskedUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        this.complete = complete;
        this.failed = failed;
    }

    Outcome forward(Provider provider) {
        byte[] body = exchange.body;
        boolean stream = endpoint.streams(request);
        if (endpoint.isOpenAi() && stream && !clientAskedUsage) {
            // ask for the token counts the recording keeps; the usage event is not passed on to the client
            ObjectNode copy = request.deepCopy();
            copy.withObject("/stream_options").put("include_usage", true);
            body = Jsons.compact(copy).getBytes(StandardCharsets.UTF_8);
        }
        return provider.forward(exchange.path, body, Jsons.text(request, "model"), exchange.credentials(),
                (response, started, failures) -> {
                    if (!response.isSuccessful()) {
                        Outcome problem = failed(failures.status(response, response.request().url().toString(), 1));
                        passOn(response);
                        return problem;
                    }
                    String type = response.header("Content-Type", "");
                    if (type.contains("ndjson")) {
                        return ndjson(response, started);
                    }
                    if (type.contains("event-stream")) {
                        return events(response, started);
                    }
                    return whole(response, started);
                });
    }

    private void passOn(Response response) throws IOException {
        exchange.send(response.code(), response.header("Content-Type", ServerExchange.JSON), response.body().bytes());
    }

    private Outcome ndjson(Response response, long started) throws IOException {
        exchange.startStream(response.code(), ServerExchange.NDJSON);
        OllamaStream answer = new OllamaStream();
        BufferedSource source = response.body().source();
        Outcome outcome = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (!line.isBlank() && answer.add(parse(line), System.nanoTime() - started)) {
                if (answer.isDone()) {
                    outcome = completed(new Outcome(answer.answer(System.nanoTime() - started), null, null));
                }
                exchange.write(line + "\n");
                break;
            }
            exchange.write(line + "\n");
        }
        if (answer.error() != null) {
            outcome = failed(notRecorded("the stream ended with an error: " + answer.error()));
        } else if (outcome == null) {
            outcome = failed(notRecorded("the stream ended before its final object (done: true), after \""
                    + answer.text() + "\""));
        }
        exchange.endStream();
        return outcome;
    }

    private Outcome completed(Outcome outcome) {
        complete.accept(outcome);
        return outcome;
    }

    private Outcome failed(RuntimeException problem) {
        failed.accept(problem);
        return new Outcome(null, null, problem);
    }

    private Outcome events(Response response, long started) throws IOException {
        exchange.startStream(response.code(), ServerExchange.EVENT_STREAM);
        OpenAiStream answer = new OpenAiStream();
        BufferedSource source = response.body().source();
        StringBuilder event = new StringBuilder();
        Outcome outcome = null;
        boolean skip = false;
        boolean done = false;
        String line;
        while (!done && (line = source.readUtf8Line()) != null) {
            if (line.startsWith("data:")) {
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    done = true;
                    if (answer.error() == null) {
                        outcome = completed(new Outcome(answer.answer(System.nanoTime() - started), null, null));
                    }
                } else {
                    JsonNode json = parse(data);
                    if (!answer.add(json, System.nanoTime() - started)) {
                        event.append(line).append('\n');
                        break;
                    }
                    skip = !clientAskedUsage && json.path("choices").isEmpty() && json.path("usage").isObject();
                }
            }
            event.append(line).append('\n');
            if (line.isEmpty() || done) {
                if (!skip) {
                    exchange.write(event + (done ? "\n" : ""));
                }
                event.setLength(0);
                skip = false;
            }
        }
        if (answer.error() != null) {
            outcome = failed(notRecorded("the stream carried an error: " + answer.error()));
        } else if (outcome == null) {
            outcome = failed(notRecorded("the stream ended before data: [DONE], after \"" + answer.text() + "\""));
        }
        if (!event.isEmpty() && !skip) {
            exchange.write(event.toString());
        }
        exchange.endStream();
        return outcome;
    }

    private Outcome whole(Response response, long started) throws IOException {
        byte[] bytes = response.body().bytes();
        long wall = System.nanoTime() - started;
        String type = response.header("Content-Type", ServerExchange.JSON);
        Outcome outcome;
        try {
            outcome = read(parse(new String(bytes, StandardCharsets.UTF_8)), wall);
        } catch (FixtureException e) {
            outcome = new Outcome(null, null, e);
        }
        if (outcome.problem() == null) {
            completed(outcome);
        } else {
            failed.accept(outcome.problem());
        }
        exchange.send(response.code(), type, bytes);
        return outcome;
    }

    private Outcome read(JsonNode json, long wall) {
        if (endpoint.kind == Endpoint.Kind.EMBED) {
            ServerMetrics metrics = new ServerMetrics(Jsons.number(json, "total_duration"),
                    Jsons.number(json, "load_duration"), Jsons.number(json, "prompt_eval_count") != null
                    ? Jsons.number(json, "prompt_eval_count") : Jsons.number(json.path("usage"), "prompt_tokens"),
                    null, null, null);
            return new Outcome(new LiveAnswer(Jsons.text(json, "model"), "", "", null, null, metrics,
                    Duration.ofNanos(wall), null), json, null);
        }
        if (endpoint.isOpenAi()) {
            OpenAiStream answer = new OpenAiStream();
            answer.addWhole(json);
            return new Outcome(answer.answer(wall).whole(), null, null);
        }
        OllamaStream answer = new OllamaStream();
        answer.add(json, wall);
        if (!answer.isDone()) {
            return new Outcome(null, null, notRecorded("the answer was not complete (no done: true): " + json));
        }
        return new Outcome(answer.answer(wall).whole(), null, null);
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = Jsons.read(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw notRecorded("the upstream server sent something that is not a JSON object: "
                + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }

    private FixtureException notRecorded(String why) {
        return new FixtureException("LlmServer passed the answer of the upstream server for " + endpoint.path
                + " on to the application, but could not record it: " + why + ".");
    }
}
