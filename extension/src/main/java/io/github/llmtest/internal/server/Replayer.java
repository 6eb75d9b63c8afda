package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ServerMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a request from a recording, in the protocol and shape the client asked for: Ollama's NDJSON stream or
 * single object, OpenAI's SSE stream (with the usage chunk when asked for) or {@code chat.completion}, or the
 * recorded body of an embeddings call. A streamed answer is cut into pieces at word boundaries, and ends as the real
 * servers end it ({@code done: true}, {@code data: [DONE]}).
 */
final class Replayer {

    private Replayer() {
    }

    static void replay(ServerExchange exchange, Endpoint endpoint, Interaction recorded) {
        JsonNode request = exchange.json();
        if (endpoint.kind == Endpoint.Kind.EMBED) {
            if (recorded.body() == null) {
                exchange.sendError(500, "llmtest: the recording for this request in the fixture file has no "
                        + "\"response\".\"body\"; record the test again");
                return;
            }
            exchange.sendJson(200, recorded.body());
            return;
        }
        boolean stream = endpoint.streams(request);
        // the model named as the server named it when recording: the same answer, the same name
        String model = recorded.answeredBy() != null ? recorded.answeredBy()
                : request.path("model").asText(recorded.model());
        if (endpoint.isOpenAi()) {
            boolean usage = request.path("stream_options").path("include_usage").asBoolean(false);
            OpenAiReplies replies = new OpenAiReplies(recorded, model);
            if (stream) {
                exchange.startStream(200, ServerExchange.EVENT_STREAM);
                replies.events(usage).forEach(event -> exchange.write("data: " + event + "\n\n"));
                exchange.write("data: [DONE]\n\n");
                exchange.endStream();
            } else {
                exchange.sendJson(200, replies.whole());
            }
        } else {
            OllamaReplies replies = new OllamaReplies(recorded, model,
                    endpoint.kind == Endpoint.Kind.CHAT);
            if (stream) {
                exchange.startStream(200, ServerExchange.NDJSON);
                replies.lines().forEach(line -> exchange.write(line + "\n"));
                exchange.endStream();
            } else {
                exchange.sendJson(200, replies.whole());
            }
        }
    }

    /** The text in pieces of a word or so, each ending after the spaces that follow it. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            pieces.add(text.substring(start, i));
            start = i;
        }
        return pieces;
    }

    private static Instant when(Interaction recorded) {
        return recorded.recordedAt() != null ? recorded.recordedAt() : Instant.now();
    }

    /** Ollama's {@code /api/chat} and {@code /api/generate} answers. */
    private static final class OllamaReplies {
        private final Interaction recorded;
        private final String model;
        private final boolean chat;
        private final String createdAt;

        OllamaReplies(Interaction recorded, String model, boolean chat) {
            this.recorded = recorded;
            this.model = model;
            this.chat = chat;
            this.createdAt = recorded.createdAt() != null ? recorded.createdAt() : when(recorded).toString();
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (recorded.thinking() != null && !recorded.thinking().isEmpty()) {
                lines.add(Jsons.compact(chunk("", recorded.thinking(), null)));
            }
            for (String piece : pieces(recorded.text())) {
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
    }

    /** OpenAI's {@code chat.completion} and its chunks. */
    private static final class OpenAiReplies {
        private final Interaction recorded;
        private final String model;
        private final String id;
        private final long created;

        OpenAiReplies(Interaction recorded, String model) {
            this.recorded = recorded;
            this.model = model;
            this.id = "chatcmpl-llmtest-" + recorded.key();
            this.created = when(recorded).getEpochSecond();
        }

        List<JsonNode> events(boolean usage) {
            List<JsonNode> events = new ArrayList<>();
            events.add(chunk(Jsons.object().put("role", "assistant").put("content", ""), null));
            if (recorded.thinking() != null && !recorded.thinking().isEmpty()) {
                events.add(chunk(Jsons.object().put("reasoning_content", recorded.thinking()), null));
            }
            for (String piece : pieces(recorded.text())) {
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
            return usage;
        }
    }

    private static void putIfSet(ObjectNode node, String field, Long value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
