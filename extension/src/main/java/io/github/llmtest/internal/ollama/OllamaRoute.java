package io.github.llmtest.internal.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Recording;
import io.github.llmtest.internal.provider.Relay;
import io.github.llmtest.internal.provider.Replies;
import io.github.llmtest.internal.provider.Reply;
import io.github.llmtest.internal.provider.RecordedRoute;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.Vectors;
import okio.BufferedSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of Ollama's recorded endpoints: NDJSON streams (streamed unless {@code "stream": false}), answers read
 * through {@link OllamaStream}, and replayed answers in Ollama's shapes, ending with {@code done: true}.
 */
final class OllamaRoute extends RecordedRoute {

    static final String NDJSON = "application/x-ndjson";

    OllamaRoute(String path, Kind kind) {
        super(path, kind, true);
    }

    @Override
    public Relay relay(String contentType, JsonNode request) {
        return contentType.contains("ndjson") ? new NdjsonRelay() : null;
    }

    @Override
    public LiveAnswer readWhole(JsonNode json, long wallNanos) {
        if (kind() == Kind.EMBED) {
            ServerMetrics metrics = new ServerMetrics(Jsons.number(json, "total_duration"),
                    Jsons.number(json, "load_duration"), Jsons.number(json, "prompt_eval_count"), null, null, null);
            return new LiveAnswer(Jsons.text(json, "model"), "", "", null, null, metrics, Duration.ofNanos(wallNanos),
                    null);
        }
        OllamaStream answer = new OllamaStream();
        answer.add(json, wallNanos);
        if (!answer.isDone()) {
            throw new Relay.Unrecordable("the answer was not complete (no done: true): " + json);
        }
        return answer.answer(wallNanos).whole();
    }

    @Override
    public void replay(Recording recorded, JsonNode request, Reply reply) {
        Replayed replies = new Replayed(recorded, Replies.model(recorded, request),
                kind() == Kind.CHAT);
        if (streams(request)) {
            reply.startStream(200, NDJSON);
            replies.lines().forEach(line -> reply.write(line + "\n"));
            reply.endStream();
        } else {
            reply.sendJson(200, replies.whole());
        }
    }

    /** {@code /api/embed}'s {@code "embeddings": [[...], ...]}, or the legacy {@code "embedding": [...]}. */
    @Override
    public List<float[]> vectors(JsonNode body) {
        if (kind() != Kind.EMBED) {
            return super.vectors(body);
        }
        List<float[]> vectors = new ArrayList<>();
        JsonNode embeddings = body.get("embeddings");
        if (embeddings == null && body.has("embedding")) {
            vectors.add(Vectors.read(body.get("embedding"), "the answer's \"embedding\""));
            return vectors;
        }
        if (embeddings == null || !embeddings.isArray()) {
            throw new Relay.Unrecordable("the answer has no \"embeddings\" array");
        }
        for (int i = 0; i < embeddings.size(); i++) {
            vectors.add(Vectors.read(embeddings.get(i), "the answer's \"embeddings\"[" + i + "]"));
        }
        return vectors;
    }

    /** Reads NDJSON lines into an {@link OllamaStream} while passing each on, up to the final object. */
    private static final class NdjsonRelay implements Relay {

        @Override
        public String contentType() {
            return NDJSON;
        }

        @Override
        public String relay(BufferedSource in, Reply out, long startedNanos, Consumer<LiveAnswer> complete)
                throws IOException {
            OllamaStream answer = new OllamaStream();
            boolean completed = false;
            String line;
            while ((line = in.readUtf8Line()) != null) {
                if (!line.isBlank() && answer.add(object(line), System.nanoTime() - startedNanos)) {
                    if (answer.isDone()) {
                        complete.accept(answer.answer(System.nanoTime() - startedNanos));
                        completed = true;
                    }
                    out.write(line + "\n");
                    break;
                }
                out.write(line + "\n");
            }
            if (answer.error() != null) {
                return "the stream ended with an error: " + answer.error();
            }
            return completed ? null : "the stream ended before its final object (done: true), after \""
                    + answer.text() + "\"";
        }
    }

    /** Ollama's {@code /api/chat} and {@code /api/generate} answers from a recording. */
    private static final class Replayed {
        private final Recording recorded;
        private final String model;
        private final boolean chat;
        private final String createdAt;

        Replayed(Recording recorded, String model, boolean chat) {
            this.recorded = recorded;
            this.model = model;
            this.chat = chat;
            this.createdAt = recorded.createdAt() != null ? recorded.createdAt()
                    : Replies.when(recorded).toString();
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (recorded.thinking() != null && !recorded.thinking().isEmpty()) {
                lines.add(Jsons.compact(chunk("", recorded.thinking(), null)));
            }
            for (String piece : Replies.pieces(recorded.text())) {
                lines.add(Jsons.compact(chunk(piece, null, null)));
            }
            if (recorded.toolCalls() != null) {
                lines.add(Jsons.compact(chunk("", null, recorded.toolCalls())));
            }
            lines.add(Jsons.compact(done(chunk("", null, null))));
            return lines;
        }

        JsonNode whole() {
            return done(chunk(recorded.text(), recorded.thinking(), recorded.toolCalls()));
        }

        private ObjectNode chunk(String content, String thinking, JsonNode toolCalls) {
            ObjectNode node = Jsons.object().put("model", model).put("created_at", createdAt);
            boolean withThinking = thinking != null && !thinking.isEmpty();
            if (chat) {
                ObjectNode message = node.putObject("message").put("role", "assistant").put("content", content);
                if (withThinking) {
                    message.put("thinking", thinking);
                }
                if (toolCalls != null) {
                    message.set("tool_calls", toolCalls);
                }
            } else {
                node.put("response", content);
                if (withThinking) {
                    node.put("thinking", thinking);
                }
            }
            return node.put("done", false);
        }

        private ObjectNode done(ObjectNode node) {
            node.put("done", true);
            node.put("done_reason", recorded.doneReason() == null ? "stop" : recorded.doneReason());
            ServerMetrics m = recorded.metrics();
            putIfSet(node, "total_duration", m.totalNanos());
            putIfSet(node, "load_duration", m.loadNanos());
            putIfSet(node, "prompt_eval_count", m.promptEvalCount());
            putIfSet(node, "prompt_eval_duration", m.promptEvalNanos());
            putIfSet(node, "eval_count", m.evalCount());
            putIfSet(node, "eval_duration", m.evalNanos());
            return node;
        }

        private static void putIfSet(ObjectNode node, String field, Long value) {
            if (value != null) {
                node.put(field, value);
            }
        }
    }
}
