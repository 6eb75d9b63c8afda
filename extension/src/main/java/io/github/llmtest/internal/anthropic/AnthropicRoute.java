package io.github.llmtest.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.RecordedRoute;
import io.github.llmtest.internal.provider.Recording;
import io.github.llmtest.internal.provider.Relay;
import io.github.llmtest.internal.provider.Replies;
import io.github.llmtest.internal.provider.Reply;
import io.github.llmtest.internal.provider.ServerMetrics;
import okio.BufferedSource;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * {@code /v1/messages}: server-sent events with their {@code event:} names when {@code "stream": true}, read through
 * {@link AnthropicStream} while passed on (the answer is taken at {@code message_stop}, before that event reaches the
 * application), and replayed answers as a {@code message} or its events.
 */
final class AnthropicRoute extends RecordedRoute {

    static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    AnthropicRoute() {
        super(AnthropicClient.ENDPOINT, Kind.CHAT, false);
    }

    @Override
    public Relay relay(String contentType, JsonNode request) {
        return contentType.contains("event-stream") ? new EventRelay() : null;
    }

    @Override
    public LiveAnswer readWhole(JsonNode json, long wallNanos) {
        if (json.path("type").asText().equals("error")) {
            throw new Relay.Unrecordable("the upstream server answered with an error: " + Replies.head(json
                    .toString()));
        }
        AnthropicStream answer = new AnthropicStream();
        answer.addWhole(json);
        return answer.answer(wallNanos).whole();
    }

    @Override
    public void replay(Recording recorded, JsonNode request, Reply reply) {
        Replayed replayed = new Replayed(recorded, Replies.model(recorded, request));
        if (streams(request)) {
            reply.startStream(200, EVENT_STREAM);
            replayed.events(reply);
            reply.endStream();
        } else {
            reply.sendJson(200, replayed.whole());
        }
    }

    /** Passes each event on as it came, reading its data into an {@link AnthropicStream}. */
    private static final class EventRelay implements Relay {

        @Override
        public String contentType() {
            return EVENT_STREAM;
        }

        @Override
        public String relay(BufferedSource in, Reply out, long startedNanos, Consumer<LiveAnswer> complete)
                throws IOException {
            AnthropicStream answer = new AnthropicStream();
            StringBuilder event = new StringBuilder();
            boolean completed = false;
            String line;
            while ((line = in.readUtf8Line()) != null) {
                if (line.startsWith("data:")) {
                    if (!answer.add(object(line.substring(5).strip()), System.nanoTime() - startedNanos)) {
                        event.append(line).append('\n');
                        break;
                    }
                    if (answer.stopped() && !completed) {
                        complete.accept(answer.answer(System.nanoTime() - startedNanos));
                        completed = true;
                    }
                }
                event.append(line).append('\n');
                if (line.isEmpty()) {
                    out.write(event.toString());
                    event.setLength(0);
                }
            }
            if (!event.isEmpty()) {
                out.write(event + "\n");
            }
            if (answer.error() != null) {
                return "the stream carried an error event: " + answer.error().type() + ": " + answer.error().message();
            }
            return completed ? null : "the stream ended before its message_stop event, after \"" + answer.text()
                    + "\"";
        }
    }

    /** The Messages API's {@code message} and its events from a recording. */
    private static final class Replayed {
        private final Recording recorded;
        private final String model;
        private final String id;

        Replayed(Recording recorded, String model) {
            this.recorded = recorded;
            this.model = model;
            this.id = "msg_llmtest_" + recorded.key().substring(0, Math.min(24, recorded.key().length()));
        }

        private boolean thinks() {
            return recorded.thinking() != null && !recorded.thinking().isEmpty();
        }

        void events(Reply reply) {
            ObjectNode start = message();
            start.putArray("content");
            start.putNull("stop_reason");
            start.putNull("stop_sequence");
            // as the API does: the input counts at the start, the output's first token, then the output in the end
            start.set("usage", usage(true).put("output_tokens", Math.min(1, usage(false).path("output_tokens")
                    .asLong())));
            send(reply, "message_start", Jsons.object().put("type", "message_start").set("message", start));
            int index = 0;
            if (thinks()) {
                blockStart(reply, index, Jsons.object().put("type", "thinking").put("thinking", ""));
                delta(reply, index, Jsons.object().put("type", "thinking_delta").put("thinking", recorded.thinking()));
                delta(reply, index, Jsons.object().put("type", "signature_delta").put("signature", ""));
                blockStop(reply, index++);
            }
            if (!recorded.text().isEmpty() || recorded.toolCalls() == null) {
                blockStart(reply, index, Jsons.object().put("type", "text").put("text", ""));
                for (String piece : Replies.pieces(recorded.text())) {
                    delta(reply, index, Jsons.object().put("type", "text_delta").put("text", piece));
                }
                blockStop(reply, index++);
            }
            if (recorded.toolCalls() != null) {
                for (JsonNode call : recorded.toolCalls()) {
                    ObjectNode block = toolUse(call);
                    JsonNode input = block.remove("input");
                    block.putObject("input");
                    blockStart(reply, index, block);
                    delta(reply, index, Jsons.object().put("type", "input_json_delta")
                            .put("partial_json", Jsons.compact(input)));
                    blockStop(reply, index++);
                }
            }
            ObjectNode delta = Jsons.object().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", stopReason()).putNull("stop_sequence");
            delta.set("usage", usage(false));
            send(reply, "message_delta", delta);
            send(reply, "message_stop", Jsons.object().put("type", "message_stop"));
        }

        JsonNode whole() {
            ObjectNode node = message();
            ArrayNode content = node.putArray("content");
            if (thinks()) {
                content.addObject().put("type", "thinking").put("thinking", recorded.thinking()).put("signature", "");
            }
            if (!recorded.text().isEmpty() || recorded.toolCalls() == null) {
                content.addObject().put("type", "text").put("text", recorded.text());
            }
            if (recorded.toolCalls() != null) {
                recorded.toolCalls().forEach(call -> content.add(toolUse(call)));
            }
            node.put("stop_reason", stopReason()).putNull("stop_sequence");
            node.set("usage", usage(true));
            return node;
        }

        private ObjectNode message() {
            return Jsons.object().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        }

        /** A recorded tool call, in OpenAI's form with its arguments as JSON, as a {@code tool_use} block. */
        private static ObjectNode toolUse(JsonNode call) {
            JsonNode arguments = call.path("function").path("arguments");
            JsonNode input = arguments.isObject() ? arguments : Jsons.object();
            if (arguments.isTextual()) {
                try {
                    input = RecordedRoute.object(arguments.asText());
                } catch (Relay.Unrecordable e) {
                    input = Jsons.object();
                }
            }
            ObjectNode block = Jsons.object().put("type", "tool_use").put("id", call.path("id").asText("toolu_0"))
                    .put("name", call.path("function").path("name").asText(""));
            block.set("input", input.deepCopy());
            return block;
        }

        private String stopReason() {
            String reason = recorded.doneReason();
            if (AnthropicStream.LENGTH.equals(reason)) {
                return "max_tokens";
            }
            if (reason == null || reason.equals("stop") || reason.equals("tool_calls")) {
                return recorded.toolCalls() != null ? "tool_use" : "end_turn";
            }
            return reason;
        }

        /** The usage: the input counts (at the start of a stream, and in a whole message), and the output. */
        private ObjectNode usage(boolean input) {
            ServerMetrics m = recorded.metrics();
            ObjectNode usage = Jsons.object();
            long prompt = m.promptEvalCount() == null ? 0 : m.promptEvalCount();
            long cached = m.cachedPromptTokens() == null ? 0 : Math.min(prompt, m.cachedPromptTokens());
            if (input) {
                long written = m.cacheWriteTokens() == null ? 0 : Math.min(prompt - cached, m.cacheWriteTokens());
                usage.put("input_tokens", prompt - cached - written).put("cache_creation_input_tokens", written)
                        .put("cache_read_input_tokens", cached);
            }
            usage.put("output_tokens", m.evalCount() == null ? 0 : m.evalCount());
            return usage;
        }

        private static void blockStart(Reply reply, int index, ObjectNode block) {
            send(reply, "content_block_start", Jsons.object().put("type", "content_block_start").put("index", index)
                    .set("content_block", block));
        }

        private static void delta(Reply reply, int index, ObjectNode delta) {
            send(reply, "content_block_delta", Jsons.object().put("type", "content_block_delta").put("index", index)
                    .set("delta", delta));
        }

        private static void blockStop(Reply reply, int index) {
            send(reply, "content_block_stop", Jsons.object().put("type", "content_block_stop").put("index", index));
        }

        private static void send(Reply reply, String event, JsonNode data) {
            reply.write("event: " + event + "\ndata: " + Jsons.compact(data) + "\n\n");
        }
    }
}
