package io.github.llmtest.answer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every public entry point of {@link Answers} and {@link MathEquivalence} on generated adversarial input: long
 * separator runs, deep nesting, long operator chains, huge exponents, a megabyte of noise, broken surrogates and
 * NUL. Each must return (never throw) on non-null input, within a generous bound that only a hang or a quadratic
 * step would miss (speed itself is measured by the benchmark, not here), and every text is equivalent to itself.
 */
class AdversarialInputTest {

    /** Far above the worst case the benchmark measures (under a second for a megabyte): a hang detector. */
    static final Duration BOUND = Duration.ofSeconds(30);
    static final int MEGABYTE = 1 << 20;

    static Map<String, String> inputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (String separator : new String[] {",", ", ", " and", " or", ";", " \\quad", "$ $"}) {
            int n = MEGABYTE / separator.length();
            inputs.put("separators '" + separator + "' between boxes", "\\boxed{1}" + separator.repeat(n) + "\\boxed{2}");
            inputs.put("separators '" + separator + "' after a box", "\\boxed{1}" + separator.repeat(n));
            inputs.put("separators '" + separator + "' before a box", separator.repeat(n) + "\\boxed{2}");
        }
        inputs.put("nested parentheses", "(".repeat(50_000) + "1" + ")".repeat(50_000));
        inputs.put("nested braces", "\\boxed{".repeat(50_000) + "1" + "}".repeat(50_000));
        inputs.put("nested fractions", "\\frac{1}{".repeat(20_000) + "2" + "}".repeat(20_000));
        inputs.put("unclosed braces", "\\boxed{" + "{".repeat(200_000));
        for (String op : new String[] {"+", "-", "*", "/", "^", "\\cdot ", "\\times "}) {
            inputs.put("a chain of '" + op + "'", "1" + (op + "2").repeat(2_400));
            inputs.put("a long chain of '" + op + "'", "1" + (op + "2").repeat(200_000));
        }
        inputs.put("unary minus run", "-".repeat(100_000) + "1");
        inputs.put("huge power", "10^{99999}");
        inputs.put("power tower", "9^{9^{9^{9}}}");
        inputs.put("huge exponent literal", "1e99999");
        inputs.put("huge integer", "9".repeat(100_000));
        inputs.put("factorial of a large number", "1000000!");
        inputs.put("broken surrogates", "\\boxed{\uD800" + "\uDC00\uD800".repeat(1000) + "}");
        inputs.put("NUL characters", "The answer is \u0000\\boxed{4\u00002}\u0000");
        inputs.put("a megabyte of noise", noise(new Random(20261129L), MEGABYTE));
        inputs.put("empty", "");
        inputs.put("blank", " \n\t ");
        return inputs;
    }

    /** LaTeX-ish tokens in random order, the kind of input a fuzzer finds problems with. */
    static String noise(Random random, int length) {
        String[] tokens = {"\\boxed{", "}", "{", "\\frac", "\\sqrt", "(", ")", "[", "]", ",", ";", " and ", " or ",
                "=", "<", "\\le", "^", "_", "-", "+", "*", "/", "1", "23", "4.5", "x", "\\pi", "$", "$$", "**",
                "answer:", "The answer is ", "\\text{ cm}", "%", "\\%", "\\in", "\\cup", "\\infty", "!", "e", "10^{",
                "</think>", "<think>", "(A)", "B)", "\n", " ", "#### ", "\\begin{pmatrix}", "\\\\", "&", "\\end{pmatrix}"};
        StringBuilder out = new StringBuilder(length + 64);
        while (out.length() < length) {
            out.append(tokens[random.nextInt(tokens.length)]);
        }
        return out.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyEntryPointReturnsInTimeWithoutThrowing() {
        return inputs().entrySet().stream().map(input -> DynamicTest.dynamicTest(input.getKey(), () -> {
            String text = input.getValue();
            assertTimeoutPreemptively(BOUND, () -> {
                List<Object> results = new ArrayList<>();
                results.add(Answers.boxed(text));
                results.add(Answers.finalAnswer(text));
                results.add(Answers.finalNumber(text));
                results.add(Answers.finalNumericAnswer(text));
                results.add(Answers.parseNumber(text));
                results.add(Answers.numericAnswer(text));
                results.add(Answers.choice(text));
                results.add(Answers.choice(text, "ABCDEFGH"));
                String head = text.length() > 10_000 ? text.substring(0, 10_000) : text;
                MathEquivalence.Result against = MathEquivalence.DEFAULT.check("1", head);
                results.add(against);
                assertThat(against.reason()).as("a reason a person can read").isNotBlank()
                        .doesNotContain("Exception").doesNotContain("null");
                assertThat(MathEquivalence.DEFAULT.check(head, head).equivalent())
                        .as("a text is equivalent to itself").isTrue();
                assertThat(results).doesNotContainNull();
            });
        }));
    }

    @Test
    void valuesBeyondADoubleAreComparedExactlyOrSaidTooLarge() {
        assertThat(MathEquivalence.DEFAULT.check("10^{4000}", "10^{5000}").equivalent()).isFalse();
        assertThat(MathEquivalence.DEFAULT.check("2^{8192}", "3^{8192}").equivalent()).isFalse();
        assertThat(MathEquivalence.DEFAULT.check("2^{8192}", "4^{4096}").equivalent()).isTrue();
        MathEquivalence.Result tower = MathEquivalence.DEFAULT.check("9^{9^{9}}", "9^{9^{9}}+1");
        assertThat(tower.equivalent()).isFalse();
        assertThat(tower.reason()).contains("too large to compare exactly");
        assertThat(MathEquivalence.DEFAULT.check("0/0", "1").reason()).contains("undefined")
                .doesNotContain("Character");
    }

    @Test
    void operatorChainsAreBoundedAndSaySo() {
        String chain = "1" + "/2".repeat(600);
        MathEquivalence.Result result = MathEquivalence.DEFAULT.check(chain, chain + "/2");
        assertThat(result.equivalent()).isFalse();
        assertThat(result.reason()).contains("chains more than 500 operators");
        assertThat(MathEquivalence.DEFAULT.check(chain, chain).equivalent()).isTrue();
    }
}
