package io.github.llmtest.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Format;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmRequest;
import io.github.llmtest.Options;
import io.github.llmtest.internal.answer.JsonText;

import java.util.ArrayList;
import java.util.List;

/**
 * The judge's grounding check, for {@code isGroundedIn}: the judge splits the answer into claims and says of each
 * whether the contexts support it, as the JSON {@code {"claims": [{"claim": …, "supported": …}]}} (asked for with a
 * schema); a reply that is not that JSON is asked again once, with the reason, and a second bad reply fails. Its
 * calls are the judge's: recorded, replayed, left out of a latency budget unless the judge counts them.
 */
final class Grounding {

    /** The grounding judge's system prompt. */
    static final String INSTRUCTIONS = "You check whether an answer is supported by the contexts it was written "
            + "from. Split the answer into its factual claims: short sentences, one fact each, in the answer's order; "
            + "leave out greetings and filler. For each claim decide whether the contexts state it or it follows "
            + "directly from them; a claim that is plausible or true but not in the contexts is not supported. Use "
            + "only the contexts, not what you know. Reply with only this JSON object: {\"claims\": [{\"claim\": "
            + "\"the claim\", \"supported\": true or false}]}.";

    /** The structured output the judge is asked for. */
    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"claims\":{\"type\":\"array\",\"items\":"
            + "{\"type\":\"object\",\"properties\":{\"claim\":{\"type\":\"string\"},\"supported\":{\"type\":"
            + "\"boolean\"}},\"required\":[\"claim\",\"supported\"]}}},\"required\":[\"claims\"]}";

    private Grounding() {
    }

    /** One claim of the answer, and whether the contexts support it. */
    record Claim(String text, boolean supported) {
    }

    /** The judge's claims, and where its verdict came from. */
    record Verdict(List<Claim> claims, String provenance) {
        List<Claim> unsupported() {
            return claims.stream().filter(c -> !c.supported()).toList();
        }
    }

    static Verdict check(LlmJudge judge, String question, String answer, List<String> contexts) {
        LlmRequest.Builder request = LlmRequest.builder().system(INSTRUCTIONS)
                .user(prompt(question, answer, contexts)).format(Format.schema(SCHEMA))
                .options(Options.builder().temperature(0).build());
        LlmAnswer reply = judge.readableReply(request, Grounding::problem,
                "{\"claims\": [{\"claim\": \"…\", \"supported\": true or false}]}",
                "{\"claims\": [{\"claim\": …, \"supported\": …}]}");
        List<Claim> claims = new ArrayList<>();
        for (JsonNode claim : JsonText.read(reply.text()).json().path("claims")) {
            claims.add(new Claim(claim.path("claim").asText().strip(), claim.path("supported").booleanValue()));
        }
        Verdict verdict = new Verdict(List.copyOf(claims), reply.provenance());
        LlmJudge.note(reply, verdict.unsupported().isEmpty() ? "grounded — " + claims.size() + " claims supported"
                : "not grounded — unsupported: " + verdict.unsupported().stream().map(Claim::text).toList());
        return verdict;
    }

    /** Why a reply is not a list of claims, or null when it is one. */
    static String problem(String reply) {
        JsonText.Result read = JsonText.read(reply);
        if (!read.found()) {
            return "no JSON in it (" + read.problem() + ")";
        }
        JsonNode claims = read.json().get("claims");
        if (claims == null || !claims.isArray()) {
            return "its \"claims\" is " + (claims == null ? "missing" : claims + ", not an array");
        }
        for (int i = 0; i < claims.size(); i++) {
            JsonNode claim = claims.get(i);
            if (!claim.path("claim").isTextual() || claim.path("claim").asText().isBlank()) {
                return "its claim " + (i + 1) + " has no \"claim\" text";
            }
            if (!claim.path("supported").isBoolean()) {
                return "its claim " + (i + 1) + " has no \"supported\": true or false";
            }
        }
        return null;
    }

    static String prompt(String question, String answer, List<String> contexts) {
        StringBuilder prompt = new StringBuilder("Contexts:\n");
        for (int i = 0; i < contexts.size(); i++) {
            prompt.append('[').append(i + 1).append("] ").append(contexts.get(i)).append('\n');
        }
        if (question != null) {
            prompt.append("\nQuestion:\n").append(question).append('\n');
        }
        return prompt.append("\nAnswer to check:\n").append(answer).toString();
    }
}
