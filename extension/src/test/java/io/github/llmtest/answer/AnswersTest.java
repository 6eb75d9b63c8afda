package io.github.llmtest.answer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The table in {@code extraction-cases.txt}, one dynamic test per row, plus worst-case inputs. */
class AnswersTest {

    private static final String NOTHING = "∅";

    record Case(int line, String function, String input, String expected) {
    }

    static List<Case> cases() throws IOException {
        return CaseTable.read("/extraction-cases.txt", 3).stream().map(row -> {
            String input = row.cells().get(1).replace("\\n", "\n");
            return new Case(row.line(), row.cells().get(0), input.equals("(empty)") ? "" : input, row.cells().get(2));
        }).toList();
    }

    @Test
    void theTableHasAtLeast150Cases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
    }

    @Test
    void theTwoTablesHoldAtLeast250CasesOfTheNewShapesEachWithItsReason() throws IOException {
        long extraction = CaseTable.read("/extraction-cases.txt", 3).stream().filter(r -> r.reason() != null).count();
        long equivalence = CaseTable.read("/equivalence-cases.txt", 3).stream().filter(r -> r.reason() != null)
                .count();
        long negatives = CaseTable.read("/equivalence-cases.txt", 3).stream()
                .filter(r -> r.reason() != null && r.cells().get(2).equals("false")).count();

        assertThat(extraction + equivalence).isGreaterThanOrEqualTo(250);
        assertThat(negatives).as("what must not be equal matters as much").isGreaterThanOrEqualTo(40);
    }

    @Test
    void choiceLettersMustBeLetters() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Answers.choice("B", "A1"))
                .hasMessageContaining("choice letters must be letters A to Z");
        assertThat(Answers.choice("The answer is (c)", "abcd")).contains("C");
    }

    @TestFactory
    Stream<DynamicTest> extractionTable() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(
                "line " + c.line() + ": " + c.function() + "(" + c.input().replace("\n", "⏎") + ") = " + c.expected(),
                () -> check(c)));
    }

    private static void check(Case c) {
        switch (c.function()) {
            case "boxed" -> assertText(Answers.boxed(c.input()), c);
            case "final" -> assertText(Answers.finalAnswer(c.input()), c);
            case "number" -> assertNumber(Answers.finalNumber(c.input()), c);
            case "parse" -> assertNumber(Answers.parseNumber(c.input()), c);
            case "percent" -> assertText(Answers.finalNumericAnswer(c.input())
                    .map(n -> String.valueOf(n.isPercent())), c);
            case "unit" -> assertText(Answers.finalNumericAnswer(c.input()).flatMap(NumericAnswer::unitIfAny), c);
            case "raw" -> assertText(Answers.finalNumericAnswer(c.input()).map(NumericAnswer::raw), c);
            case "choice" -> assertText(Answers.choice(c.input()), c);
            case "choice10" -> assertText(Answers.choice(c.input(), "ABCDEFGHIJ"), c);
            default -> throw new IllegalArgumentException("unknown function on line " + c.line() + ": " + c.function());
        }
    }

    private static void assertText(Optional<String> actual, Case c) {
        if (c.expected().equals(NOTHING)) {
            assertThat(actual).as("line %d", c.line()).isEmpty();
        } else {
            assertThat(actual).as("line %d", c.line()).contains(c.expected());
        }
    }

    private static void assertNumber(Optional<BigDecimal> actual, Case c) {
        if (c.expected().equals(NOTHING)) {
            assertThat(actual).as("line %d", c.line()).isEmpty();
        } else {
            assertThat(actual).as("line %d", c.line()).isPresent();
            assertThat(actual.get()).as("line %d", c.line()).isEqualByComparingTo(c.expected());
        }
    }

    @Test
    void aNumberKeepsItsRawSpanPercentFlagAndUnit() {
        NumericAnswer answer = Answers.numericAnswer("growth of 28\\% per year").orElseThrow();

        assertThat(answer.value()).isEqualByComparingTo("28");
        assertThat(answer.isPercent()).isTrue();
        assertThat(answer.raw()).isEqualTo("28\\%");
        assertThat(answer.unitIfAny()).isEmpty();
    }

    static Stream<String> worstCases() {
        int mb = 1024 * 1024;
        return Stream.of("{".repeat(mb), "\\boxed{".repeat(mb / 7), "}".repeat(mb), "1,".repeat(mb / 2),
                "1".repeat(mb), "1,111".repeat(mb / 5), "a".repeat(mb), "answer: ".repeat(mb / 8),
                "**".repeat(mb / 2), "\\frac{".repeat(mb / 6), "$".repeat(mb), "9.".repeat(mb / 2),
                "1e".repeat(mb / 2), "\\boxed ".repeat(mb / 7), "1 \\times 10^{".repeat(mb / 13),
                "\\boxed{1} apples and ".repeat(mb / 21), "x = 1 and ".repeat(mb / 10), "1\\,".repeat(mb / 3),
                "3\\sqrt{13}".repeat(mb / 10), "Réponse : il reste 2 ".repeat(mb / 21));
    }

    @TestFactory
    Stream<DynamicTest> oneMegabyteOfHostileInputReturnsQuickly() {
        Function<String, Object> all = text -> List.of(Answers.boxed(text), Answers.finalAnswer(text),
                Answers.finalNumericAnswer(text), Answers.numericAnswer(text));
        return worstCases().map(text -> DynamicTest.dynamicTest(
                "1 MB of '" + text.substring(0, Math.min(12, text.length())) + "…'",
                // a generous bound for a shared machine; the benchmark has the real figures
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> all.apply(text))));
    }
}
