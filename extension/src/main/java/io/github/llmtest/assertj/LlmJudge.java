package io.github.llmtest.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Format;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmRequest;
import io.github.llmtest.Options;
import io.github.llmtest.internal.call.Extractions;
import io.github.llmtest.internal.call.JudgeCalls;
import io.github.llmtest.internal.answer.JsonText;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An LLM that grades answers against a rubric, for {@code assertThat(answer).satisfiesRubric(judge, rubric)}. Its
 * calls are ordinary calls of the test: recorded into the test's fixture file, replayed offline, shown in the run
 * report with their verdict and reason, and left out of {@code @LatencyBudget} unless {@link #countedInLatency()}.
 *
 * <pre>{@code
 * LlmJudge judge = LlmJudge.using(llm.withModel("phi4"));
 * assertThat(answer).satisfiesRubric(judge, "Explains each step and states the final amount in dollars");
 * }</pre>
 *
 * <p>The judge gets {@link #DEFAULT_INSTRUCTIONS} as its system prompt (or yours), the rubric, the question when it
 * is known and the answer, at temperature 0, and must reply with the JSON {@code {"pass": …, "reason": …}} (asked
 * for with {@link Format#schema(String)}). A reply that is not that JSON is asked again once, with the reason it
 * could not be read; a second bad reply fails the assertion with the raw reply, never a silent pass.
 *
 * <p>A judge is a model: good at "does the answer explain its steps", "is the tone polite", "does it state the
 * final amount in dollars"; not to be trusted for arithmetic or facts it cannot check, and it can be argued with by
 * the answer it judges. Check what can be checked exactly with the other assertions, and judge the rest.
 */
public final class LlmJudge {

    /** The judge's system prompt, unless {@link #withInstructions(String)} replaces it. */
    public static final String DEFAULT_INSTRUCTIONS = "You are a strict grader. You get a rubric and an answer "
            + "(and the question it answers, when known). Decide whether the answer meets every point of the rubric; "
            + "judge only what the rubric asks. Reply with only this JSON object: {\"pass\": true or false, "
            + "\"reason\": \"one or two sentences: what is met, or what is missing\"}.";

    /** The rubric of {@code answersTheQuestion}: relevance, not correctness. */
    public static final String RELEVANCE_RUBRIC = "The answer responds to the question that was asked: it addresses "
            + "what the question asks for (a fact, a step, a yes or no, a recommendation) rather than another topic, "
            + "and does not evade it. Judge relevance only, not whether the answer is correct.";

    /** The structured output the judge is asked for. */
    static final String VERDICT_SCHEMA = "{\"type\":\"object\",\"properties\":{\"pass\":{\"type\":\"boolean\"},"
            + "\"reason\":{\"type\":\"string\"}},\"required\":[\"pass\",\"reason\"]}";

    /** The temperature of the extra votes of {@link #majorityOf(int)}, so that they can disagree. */
    static final double VOTE_TEMPERATURE = 0.7;

    private final Llm llm;
    private final String instructions;
    private final int votes;
    private final boolean countedInLatency;

    private LlmJudge(Llm llm, String instructions, int votes, boolean countedInLatency) {
        this.llm = llm;
        this.instructions = instructions;
        this.votes = votes;
        this.countedInLatency = countedInLatency;
    }

    /**
     * @param judge the model that judges, often {@code llm.withModel("phi4")} or an {@code openai:} model
     * @return a judge with the default instructions and one vote
     */
    public static LlmJudge using(Llm judge) {
        return new LlmJudge(Objects.requireNonNull(judge, "judge"), DEFAULT_INSTRUCTIONS, 1, false);
    }

    /**
     * @param value the judge's system prompt; it must ask for {@code {"pass": …, "reason": …}}
     * @return a judge with these instructions
     */
    public LlmJudge withInstructions(String value) {
        if (Objects.requireNonNull(value, "instructions").isBlank()) {
            throw new IllegalArgumentException("the judge's instructions must not be blank");
        }
        return new LlmJudge(llm, value, votes, countedInLatency);
    }

    /**
     * Re-asks a failing verdict: when the first vote fails, {@code votes - 1} more are asked (at temperature
     * {@value #VOTE_TEMPERATURE}, each with its own seed) and the majority decides. A passing first vote stands.
     *
     * @param value an odd number, at least 1
     * @return a judge with this many votes
     */
    public LlmJudge majorityOf(int value) {
        if (value < 1 || value % 2 == 0) {
            throw new IllegalArgumentException("majorityOf takes an odd number of votes (1, 3, 5…), but was " + value);
        }
        return new LlmJudge(llm, instructions, value, countedInLatency);
    }

    /** @return a judge whose calls count in the test's {@code @LatencyBudget} like any other call */
    public LlmJudge countedInLatency() {
        return new LlmJudge(llm, instructions, votes, true);
    }

    /** @return the judge's model, as the test named it */
    public String model() {
        return llm.model();
    }

    /** @return the judge's client, its calls marked as a judge's */
    Llm caller() {
        return llm instanceof JudgeCalls judgeCalls ? judgeCalls.forJudge(countedInLatency) : llm;
    }

    /** The decision, and what it rests on. */
    record Verdict(boolean pass, String reason, int votesFor, int votesCast, String provenance) {
    }

    /** Asks for the first vote, then for more if it fails and there are more votes to cast. */
    Verdict judge(String question, String answer, String rubric) {
        List<Vote> cast = new ArrayList<>();
        cast.add(vote(question, answer, rubric, Options.builder().temperature(0).build()));
        while (!cast.get(0).pass() && cast.size() < votes) {
            Options options = Options.builder().temperature(VOTE_TEMPERATURE)
                    .seed(llm.options().seed().orElse(42) + cast.size()).build();
            cast.add(vote(question, answer, rubric, options));
        }
        int votesFor = (int) cast.stream().filter(Vote::pass).count();
        boolean pass = votesFor * 2 > cast.size();
        Vote deciding = cast.stream().filter(v -> v.pass() == pass).findFirst().orElse(cast.get(0));
        return new Verdict(pass, deciding.reason(), votesFor, cast.size(), deciding.provenance());
    }

    private record Vote(boolean pass, String reason, String provenance) {
    }

    private Vote vote(String question, String answer, String rubric, Options options) {
        LlmRequest.Builder request = LlmRequest.builder().system(instructions).user(prompt(question, answer, rubric))
                .format(Format.schema(VERDICT_SCHEMA)).options(options);
        LlmAnswer reply = readableReply(request, LlmJudge::problem, "{\"pass\": true or false, \"reason\": \"…\"}",
                "{\"pass\": …, \"reason\": …}");
        JsonNode verdict = JsonText.read(reply.text()).json();
        boolean pass = verdict.path("pass").booleanValue();
        String reason = verdict.path("reason").asText();
        note(reply, (pass ? "pass" : "fail") + " — " + reason);
        return new Vote(pass, reason, reply.provenance());
    }

    /**
     * Asks the judge, and asks once more when its reply cannot be read (each unreadable reply noted on the test).
     *
     * @param request   the request, to which the second asking is added
     * @param problemOf why a reply cannot be read, or null when it can
     * @param reAsk     the JSON object the second asking names, such as {@code {"pass": true or false, ...}}
     * @param shape     the shape the failure names when the second reply cannot be read either
     * @return the readable reply
     * @throws AssertionError when the second reply cannot be read either
     */
    LlmAnswer readableReply(LlmRequest.Builder request, Function<String, String> problemOf, String reAsk,
                            String shape) {
        Llm asking = caller();
        LlmAnswer reply = asking.chat(request.build());
        String problem = problemOf.apply(reply.text());
        if (problem == null) {
            return reply;
        }
        note(reply, "unreadable: " + problem);
        request.assistant(reply.text()).user("That reply could not be read: " + problem + ". Reply with only the JSON "
                + "object " + reAsk + ".");
        reply = asking.chat(request.build());
        problem = problemOf.apply(reply.text());
        if (problem != null) {
            note(reply, "unreadable: " + problem);
            throw new AssertionError(String.format("%nThe judge (%s) did not answer with %s, even when asked again: "
                    + "%s.%nIts last reply:%n%s", reply.provenance(), shape, problem, Messages.tail(reply.text())));
        }
        return reply;
    }

    /** Notes a judge's verdict (or why its reply could not be read) on the answer it judged. */
    static void note(LlmAnswer reply, String verdict) {
        Extractions.note(reply, "judge verdict", verdict);
    }

    /** Why a reply is not a verdict, or null when it is one. */
    static String problem(String reply) {
        JsonText.Result read = JsonText.read(reply);
        if (!read.found()) {
            return "no JSON in it (" + read.problem() + ")";
        }
        JsonNode json = read.json();
        if (!json.path("pass").isBoolean()) {
            return "its \"pass\" is " + (json.has("pass") ? json.get("pass") + ", not true or false" : "missing");
        }
        if (!json.path("reason").isTextual()) {
            return "its \"reason\" is " + (json.has("reason") ? json.get("reason") + ", not a string" : "missing");
        }
        return null;
    }

    private static String prompt(String question, String answer, String rubric) {
        return "Rubric:\n" + rubric + "\n\n" + (question == null ? "" : "Question:\n" + question + "\n\n")
                + "Answer to judge:\n" + answer;
    }

    @Override
    public String toString() {
        return "LlmJudge{model=" + llm.model() + ", votes=" + votes + (countedInLatency ? ", counted in latency" : "")
                + "}";
    }
}
