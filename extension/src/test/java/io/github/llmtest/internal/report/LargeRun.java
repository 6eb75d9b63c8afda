package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.List;

/**
 * A run at dataset scale for the report's tests and benchmark: cases of a dataset asked of five models, two
 * samples each, most replayed, some failing, answers of realistic length (a few of them very long). The texts are
 * shared between calls, as a fixture's would be, so the run itself takes little memory and what the report writer
 * takes stands out.
 */
final class LargeRun {

    static final String[] MODELS = {"phi4", "llama3.2", "qwen2.5:7b", "openai:gpt-4o-mini", "mistral"};

    private LargeRun() {
    }

    /**
     * @param calls how many calls, a multiple of 10
     * @return the tests, as the listener would hold them at the end of the run
     */
    static List<ReportedTest> tests(int calls) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(answer(i));
        }
        String veryLong = answer(40).repeat(200); // one answer of about 300 KB: the page must still be small
        List<JsonNode> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(request(i));
        }
        List<ReportedTest> tests = new ArrayList<>();
        int made = 0;
        for (int item = 0; made < calls; item++) {
            String method = item % 5 == 4 ? "com.example.DatasetTest#explains" : "com.example.DatasetTest#solves";
            for (int m = 0; m < MODELS.length && made < calls; m++) {
                String model = MODELS[m];
                ReportedTest test = new ReportedTest("[engine:junit-jupiter]/[class:com.example.DatasetTest]/"
                        + "[test-template:" + method.substring(method.indexOf('#') + 1) + "]/[invocation:#" + item
                        + "-" + m + "]", "[" + (item + 1) + "] case " + item + ", " + model);
                boolean fails = (item * 7 + m) % 13 == 0;
                for (int sample = 0; sample < 2 && made < calls; sample++) {
                    made++;
                    boolean replayed = made % 10 < 7;
                    double total = 400 + (made * 7919L % 9000) + (m * 300) + (made % 997 == 0 ? 25_000 : 0);
                    int tokens = 120 + made % 400;
                    double speed = 18 + (made * 31L % 40) + m * 5;
                    double firstToken = 90 + made * 13L % 600;
                    CallEntry.Figures figures = new CallEntry.Figures(total, firstToken, made % 50 == 0 ? 2_400.0
                            : 0.0, 40.0 + made % 90, tokens / speed * 1000, 210, tokens, speed, 1000 / speed,
                            1500 / speed, 6000 / speed);
                    test.calls.add(new ReportedCall(new CallEntry(method, sample + 1, sample, model.startsWith(
                            "openai:") ? "openai" : "ollama", model, replayed ? "replay" : "live", replayed,
                            replayed ? "2026-11-20T10:15:30Z" : null, "key-" + item + "-" + m, "Case " + item
                            + ": what is the 20th Fibonacci number? Show your steps and box the answer.",
                            made == calls / 2 + 1 ? veryLong : answers.get(made % answers.size()), "stop", figures, true, requests.get(item % 20), null,
                            made % 25 == 0 ? "Let me think: F(19) + F(18). ".repeat(30) : "", null, null,
                            cost(model, tokens), false)));
                }
                test.status = fails ? ReportedTest.FAILED : ReportedTest.SUCCESSFUL;
                test.failure = fails ? "boxed answer \"6764\" extracted from the answer\nexpected: \"6765\"\n"
                        + " but was: \"6764\"\n" + "at the step list:\n".repeat(40) : null;
                tests.add(test);
            }
        }
        return tests;
    }

    /** The OpenAI model's calls are priced (210 prompt tokens at $0.15, the output at $0.60 a million); the others not. */
    private static CallEntry.Spend cost(String model, int outputTokens) {
        return model.startsWith("openai:") ? new CallEntry.Spend((210 * 0.15 + outputTokens * 0.60) / 1e6, 0, 0, 0,
                model) : null;
    }

    private static String answer(int seed) {
        StringBuilder out = new StringBuilder("To find the 20th value, add the two before it, starting from "
                + "F(1) = F(2) = 1.\n\n");
        long a = 1;
        long b = 1;
        for (int k = 3; k <= 20 + seed % 10; k++) {
            long c = a + b;
            out.append("- F(").append(k).append(") = ").append(a).append(" + ").append(b).append(" = ").append(c)
                    .append('\n');
            a = b;
            b = c;
        }
        return out.append("\nChecking once more: each value is the sum of the two before it. ".repeat(8))
                .append("\n\nThe answer is \\boxed{").append(b).append("} <ok> & done.").toString();
    }

    private static JsonNode request(int seed) {
        ObjectNode request = Jsons.object();
        request.put("model", MODELS[seed % MODELS.length]);
        var messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a careful tutor. Think step by step, "
                + "then put the final answer in \\boxed{}. ".repeat(3));
        messages.addObject().put("role", "user").put("content", "Case " + seed + ": what is the 20th Fibonacci "
                + "number? Show your steps and box the answer.");
        request.putObject("options").put("temperature", 0).put("seed", 42).put("num_predict", 1024);
        return request;
    }
}
