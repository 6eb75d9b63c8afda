package io.github.llmtest.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of the OpenAI-compatible API's recorded endpoints: server-sent events when {@code "stream": true} (the usage
 * chunk asked for upstream so that a recording keeps token counts, and passed on only when the client asked for
 * it), answers read through {@link OpenAiStream}, and replayed answers as {@code chat.completion} or its chunks.
 */
final class OpenAiRoute extends RecordedRoute {

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    OpenAiRoute(String path, Kind kind) {
        super(path, kind, false);
    }

    private static boolean askedUsage(JsonNode request) {
        return request.path("stream_options").path("include_usage").asBoolean(false);
    }

    @Override
    public byte[] upstreamBody(JsonNode body, byte[] raw) {
        if (!streams(body) || askedUsage(body)) {
            return raw;
        }
        // ask for the token counts the recording keeps; the usage event is not passed on to the client
        ObjectNode copy = body.deepCopy();
        copy.withObject("/stream_options").put("include_usage", true);
        return Jsons.compact(copy).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Relay relay(String contentType, JsonNode request) {
        return contentType.contains("event-stream") ? new EventRelay(askedUsage(request)) : null;
    }

    @Override
    public LiveAnswer readWhole(JsonNode json, long wallNanos) {
        if (kind() == Kind.EMBED) {
            ServerMetrics metrics = new ServerMetrics(null, null, Jsons.number(json.path("usage"), "prompt_tokens"),
                    null, null, null);
            return new LiveAnswer(Jsons.text(json, "model"), "", "", null, null, metrics, Duration.ofNanos(wallNanos),
                    null);
        }
        OpenAiStream answer = new OpenAiStream();
        answer.addWhole(json);
        return answer.answer(wallNanos).whole();
    }

    /** {@code /v1/embeddings}' {@code "data": [{"index": i, "embedding": [...] or "base64"}]}, by index. */
    @Override
    public List<float[]> vectors(JsonNode body) {
        if (kind() != Kind.EMBED) {
            return super.vectors(body);
        }
        JsonNode data = body.get("data");
        if (data == null || !data.isArray()) {
            throw new Relay.Unrecordable("the answer has no \"data\" array");
        }
        float[][] vectors = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").canConvertToInt() ? item.path("index").asInt() : i;
            if (index < 0 || index >= vectors.length || vectors[index] != null) {
                throw new Relay.Unrecordable("the answer's \"data\"[" + i + "] has the index " + index
                        + ", which is out of range or repeated");
            }
            vectors[index] = Vectors.read(item.get("embedding"), "the answer's \"data\"[" + i + "].embedding");
        }
        return List.of(vectors);
    }

    @Override
    public void replay(Recording recorded, JsonNode request, Reply reply) {
        Replayed replies = new Replayed(recorded, Replies.model(recorded, request));
        if (streams(request)) {
            reply.startStream(200, EVENT_STREAM);
            replies.events(askedUsage(request)).forEach(event -> reply.write("data: " + event + "\n\n"));
            reply.write("data: [DONE]\n\n");
            reply.endStream();
        } else {
            reply.sendJson(200, replies.whole());
        }
    }

    /** Reads server-sent events into an {@link OpenAiStream} while passing each on, up to {@code [DONE]}. */
    private static final class EventRelay implements Relay {
        private final boolean clientAskedUsage;

        EventRelay(boolean clientAskedUsage) {
            this.clientAskedUsage = clientAskedUsage;
        }

        @Override
        public String contentType() {
            return EVENT_STREAM;
        }

        @Override
        public String relay(BufferedSource in, Reply out, long startedNanos, Consumer<LiveAnswer> complete)
                throws IOException {
            OpenAiStream answer = new OpenAiStream();
            StringBuilder event = new StringBuilder();
            boolean completed = false;
            boolean skip = false;
            boolean done = false;
            String line;
            while (!done && (line = in.readUtf8Line()) != null) {
                if (line.startsWith("data:")) {
                    String data = line.substring(5).strip();
                    if (data.equals("[DONE]")) {
                        done = true;
                        if (answer.error() == null) {
                            complete.accept(answer.answer(System.nanoTime() - startedNanos));
                            completed = true;
                        }
                    } else {
                        JsonNode json = object(data);
                        if (!answer.add(json, System.nanoTime() - startedNanos)) {
                            event.append(line).append('\n');
                            break;
                        }
                        skip = !clientAskedUsage && json.path("choices").isEmpty() && json.path("usage").isObject();
                    }
                }
                event.append(line).append('\n');
                if (line.isEmpty() || done) {
                    if (!skip) {
                        out.write(event + (done ? "\n" : ""));
                    }
                    event.setLength(0);
                    skip = false;
                }
            }
            if (!event.isEmpty() && !skip) {
                out.write(event.toString());
            }
            if (answer.error() != null) {
                return "the stream carried an error: " + answer.error();
            }
            return completed ? null : "the stream ended before data: [DONE], after \"" + answer.text() + "\"";
        }
    }

    /** OpenAI's {@code chat.completion} and its chunks from a recording. */
    private static final class Replayed {
        private final Recording recorded;
        private final String model;
        private final String id;
        private final long created;

        Replayed(Recording recorded, String model) {
            this.recorded = recorded;
            this.model = model;
            this.id = "chatcmpl-llmtest-" + recorded.key();
            this.created = Replies.when(recorded).getEpochSecond();
        }

        List<JsonNode> events(boolean usage) {
            List<JsonNode> events = new ArrayList<>();
            events.add(chunk(Jsons.object().put("role", "assistant").put("content", ""), null));
            if (recorded.thinking() != null && !recorded.thinking().isEmpty()) {
                events.add(chunk(Jsons.object().put("reasoning_content", recorded.thinking()), null));
            }
            for (String piece : Replies.pieces(recorded.text())) {
                events.add(chunk(Jsons.object().put("content", piece), null));
            }
            if (recorded.toolCalls() != null) {
                ArrayNode calls = Jsons.array();
                int index = 0;
                for (JsonNode call : recorded.toolCalls()) {
                    calls.add(((ObjectNode) call.deepCopy()).put("index", index++));
                }
                ObjectNode delta = Jsons.object();
                delta.set("tool_calls", calls);
                events.add(chunk(delta, null));
            }
            events.add(chunk(Jsons.object(), finishReason()));
            if (usage) {
                ObjectNode last = base("chat.completion.chunk");
                last.putArray("choices");
                last.set("usage", usage());
                events.add(last);
            }
            return events;
        }

        JsonNode whole() {
            ObjectNode node = base("chat.completion");
            ObjectNode choice = node.putArray("choices").addObject().put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            if (recorded.text().isEmpty() && recorded.toolCalls() != null) {
                message.putNull("content");
            } else {
                message.put("content", recorded.text());
            }
            if (recorded.thinking() != null && !recorded.thinking().isEmpty()) {
                message.put("reasoning_content", recorded.thinking());
            }
            if (recorded.toolCalls() != null) {
                message.set("tool_calls", recorded.toolCalls());
            }
            choice.put("finish_reason", finishReason());
            node.set("usage", usage());
            return node;
        }

        private String finishReason() {
            return recorded.doneReason() != null ? recorded.doneReason()
                    : recorded.toolCalls() != null ? "tool_calls" : "stop";
        }

        private ObjectNode base(String object) {
            return Jsons.object().put("id", id).put("object", object).put("created", created).put("model", model);
        }

        private ObjectNode chunk(ObjectNode delta, String finishReason) {
            ObjectNode node = base("chat.completion.chunk");
            ObjectNode choice = node.putArray("choices").addObject().put("index", 0);
            choice.set("delta", delta);
            choice.put("finish_reason", finishReason);
            return node;
        }

        private ObjectNode usage() {
            ServerMetrics m = recorded.metrics();
            long prompt = m.promptEvalCount() == null ? 0 : m.promptEvalCount();
            long completion = m.evalCount() == null ? 0 : m.evalCount();
            ObjectNode usage = Jsons.object().put("prompt_tokens", prompt).put("completion_tokens", completion)
                    .put("total_tokens", prompt + completion);
            if (m.reasoningTokens() != null) {
                usage.putObject("completion_tokens_details").put("reasoning_tokens", m.reasoningTokens());
            }
            if (m.cachedPromptTokens() != null) {
                usage.putObject("prompt_tokens_details").put("cached_tokens", m.cachedPromptTokens());
            }
            return usage;
        }
    }
}
