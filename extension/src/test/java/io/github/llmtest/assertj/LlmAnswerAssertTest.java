package io.github.llmtest.assertj;

import io.github.llmtest.LlmAnswer;
import io.github.llmtest.TestAnswers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

class LlmAnswerAssertTest {

    static final LlmAnswer PHI4_FIBONACCI = TestAnswers.live("F(19) = 4181\nF(20) = 6765\n\nSo the 20th value is \\boxed{6765}.");
    static final LlmAnswer PHI4_INTEREST = TestAnswers.live("(1.025)^20 ≈ 1.638616\n\nThe final amount is approximately $1,638,616.");
    static final LlmAnswer O1_INTEREST = TestAnswers.live("(1.025)^{20} ≈ 1.63862\n\nFinal amount: **$1,638,620**");
    static final LlmAnswer PRISM = TestAnswers.live("120 = L × 24, so L = 5.\n\nThe length of the rectangular prism is 5 cm.");
    static final LlmAnswer NO_NUMBER = TestAnswers.live("I cannot determine that without more information.");

    @Nested
    @DisplayName("boxed and final answers")
    class Extraction {

        @Test
        void boxedAnswerPasses() {
            assertThat(PHI4_FIBONACCI).boxedAnswer().isEqualTo("6765");
        }

        @Test
        void wrongBoxedAnswerShowsExpectedExtractedAndTheAnswersEnd() {
            assertThatThrownBy(() -> assertThat(PHI4_FIBONACCI).boxedAnswer().isEqualTo("6764"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("boxed answer \"6765\" extracted from the answer (live call to phi4)")
                    .hasMessageContaining("So the 20th value is \\boxed{6765}.")
                    .hasMessageContaining("6764");
        }

        @Test
        void missingBoxSaysNoneCouldBeExtractedAndShowsTheTail() {
            assertThatThrownBy(() -> assertThat(PHI4_INTEREST).boxedAnswer())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Expecting the answer to contain a \\boxed{} answer, but none could be extracted")
                    .hasMessageContaining("approximately $1,638,616.");
        }

        @Test
        void finalAnswerPassesAndFails() {
            assertThat(O1_INTEREST).finalAnswer().isEqualTo("$1,638,620");
            assertThatThrownBy(() -> assertThat(O1_INTEREST).finalAnswer().isEqualTo("$1,638,616"))
                    .hasMessageContaining("final answer \"$1,638,620\"");
            assertThatThrownBy(() -> assertThat(TestAnswers.live("No idea.")).finalAnswer())
                    .hasMessageContaining("a final answer, but none could be extracted").hasMessageContaining("No idea.");
        }

        @Test
        void choiceFindsTheChosenLetterAndSaysWhenNoneWasChosen() {
            assertThat(TestAnswers.live("It is not A, and C contradicts the data; therefore B.")).choice()
                    .isEqualTo("B");
            assertThat(TestAnswers.live("The answer is (H).")).choice("ABCDEFGHIJ").isEqualTo("H");
            assertThatThrownBy(() -> assertThat(TestAnswers.live("The answer is (B).")).choice().isEqualTo("C"))
                    .hasMessageContaining("choice \"B\" extracted from the answer");
            assertThatThrownBy(() -> assertThat(TestAnswers.live("The answer is 42.")).choice())
                    .hasMessageContaining("a chosen letter among A to E, but none could be extracted");
            assertThatThrownBy(() -> assertThat(TestAnswers.live("B")).choice("A-C"))
                    .hasMessageContaining("choice letters must be letters A to Z");
        }

        @Test
        void theTailIsTheLastFewHundredCharacters() {
            LlmAnswer longAnswer = TestAnswers.live("x".repeat(5000) + " END \\boxed{1}");

            assertThatThrownBy(() -> assertThat(longAnswer).boxedAnswer().isEqualTo("2"))
                    .hasMessageContaining("END \\boxed{1}")
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage().length())
                            .isLessThan(1500));
        }
    }

    @Nested
    @DisplayName("math equivalence")
    class Equivalence {

        @Test
        void equivalentFormsOfOneHalfPass() {
            assertThat(TestAnswers.live("So the probability is 0.5")).finalAnswer().isEquivalentTo("\\frac{1}{2}");
            assertThat(TestAnswers.live("The answer is 1/2.")).finalAnswer().isEquivalentTo("\\frac{1}{2}");
            assertThat(TestAnswers.live("Thus \\boxed{\\dfrac{2}{4}}")).finalAnswer().isEquivalentTo("\\frac{1}{2}");
            assertThat(TestAnswers.live("Thus \\boxed{\\dfrac{2}{4}}")).boxedAnswer().isEquivalentTo("0.5");
        }

        @Test
        void aDifferentValueFailsShowingBothSidesAsParsedAndWhy() {
            assertThatThrownBy(() -> assertThat(TestAnswers.live("It is about 0.51"))
                    .finalAnswer().isEquivalentTo("\\frac{1}{2}"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("final answer \"0.51\" extracted from the answer (live call to phi4)")
                    .hasMessageContaining("Expecting the final answer to be mathematically equivalent to:")
                    .hasMessageContaining("Parsed as: 1/2  vs  0.51")
                    .hasMessageContaining("Why not: 1/2 ≠ 0.51 (after rounding to 6 decimal places)");
        }

        @Test
        void settingsCanBeGiven() {
            LlmAnswer piApprox = TestAnswers.live("The area is \\boxed{3.14}");
            assertThat(piApprox).boxedAnswer().isEquivalentTo("\\pi",
                    io.github.llmtest.answer.MathEquivalence.builder().decimalPlaces(2).build());
            assertThatThrownBy(() -> assertThat(piApprox).boxedAnswer().isEquivalentTo("\\pi"))
                    .hasMessageContaining("after rounding to 6 decimal places");
        }
    }

    @Nested
    @DisplayName("final numbers with a tolerance the author chooses")
    class Numbers {

        @Test
        void absoluteToleranceSeparatesPhi4FromO1() {
            assertThat(PHI4_INTEREST).finalNumber()
                    .isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1")));
            assertThatThrownBy(() -> assertThat(O1_INTEREST).finalNumber()
                    .isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("1"))))
                    .hasMessageContaining("final number (read from \"$1,638,620\")")
                    .hasMessageContaining("1638616.44")
                    .hasMessageContaining("by less than 1")
                    .hasMessageContaining("3.56");
        }

        @Test
        void relativeToleranceLetsO1Through() {
            assertThat(O1_INTEREST).finalNumber().isCloseTo(new BigDecimal("1638616.44"), withinPercentage(0.001));
            assertThat(O1_INTEREST).hasFinalNumberCloseTo(1638616.44, withinPercentage(0.001));
            assertThatThrownBy(() -> assertThat(O1_INTEREST).hasFinalNumberCloseTo(1638616.44, withinPercentage(0.0001)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("by less than 1.0E-4%");
        }

        @Test
        void convenienceFormWithAnAbsoluteOffset() {
            assertThat(PHI4_INTEREST).hasFinalNumberCloseTo(1638616.44, within(1.0));
            assertThatThrownBy(() -> assertThat(O1_INTEREST).hasFinalNumberCloseTo(1638616.44, within(1.0)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("$1,638,620");
        }

        @Test
        void exactComparisonAndUnit() {
            assertThat(PRISM).finalNumber().isEqualByComparingTo("5");
            assertThat(PRISM).finalNumberUnit().isIn("cm", "centimetres", "centimeters");
            assertThatThrownBy(() -> assertThat(PRISM).finalNumber().isEqualByComparingTo("6"))
                    .hasMessageContaining("the rectangular prism is 5 cm.");
            assertThatThrownBy(() -> assertThat(PHI4_FIBONACCI).finalNumberUnit())
                    .hasMessageContaining("Expecting a unit after the final number");
        }

        @Test
        void boxedNumberReadsTheBoxAsANumber() {
            LlmAnswer boxedMoney = TestAnswers.live("So A = \\boxed{\\$1{,}638{,}616.44}.");

            assertThat(boxedMoney).boxedNumber().isCloseTo(new BigDecimal("1638616.44"), within(new BigDecimal("0.01")));
            assertThatThrownBy(() -> assertThat(TestAnswers.live("\\boxed{B}")).boxedNumber())
                    .hasMessageContaining("Expecting the boxed answer \"B\" to be a number");
            assertThatThrownBy(() -> assertThat(PHI4_INTEREST).boxedNumber())
                    .hasMessageContaining("none could be extracted");
        }

        @Test
        void noNumberSaysSoAndShowsTheText() {
            assertThatThrownBy(() -> assertThat(NO_NUMBER).finalNumber())
                    .hasMessageContaining("a final number, but none could be extracted")
                    .hasMessageContaining("without more information");
        }
    }

    @Nested
    @DisplayName("latency")
    class Latency {

        @Test
        void liveFiguresPassAndFailSayingTheyWereMeasured() {
            assertThat(PHI4_FIBONACCI).respondedWithin(Duration.ofSeconds(5)).firstTokenWithin(Duration.ofSeconds(1))
                    .generatesAtLeast(40);
            assertThatThrownBy(() -> assertThat(PHI4_FIBONACCI).respondedWithin(Duration.ofSeconds(2)))
                    .hasMessageContaining("within 2.00 s (model load excluded), but it took 4.00 s")
                    .hasMessageContaining("Measured in this run (live call to phi4)");
        }

        @Test
        void replayedFiguresFailSayingTheyWereRecordedWhenAndAgainstWhichModel() {
            LlmAnswer replayed = TestAnswers.replayed("\\boxed{1}", 9000, 3000, 100, 10000);

            assertThatThrownBy(() -> assertThat(replayed).respondedWithin(Duration.ofSeconds(5)))
                    .hasMessageContaining("These figures were recorded, not measured in this run")
                    .hasMessageContaining("recorded 2025-01-14T09:20:03Z against phi4");
            assertThatThrownBy(() -> assertThat(replayed).firstTokenWithin(Duration.ofSeconds(2)))
                    .hasMessageContaining("came after 3.00 s").hasMessageContaining("recorded");
            assertThatThrownBy(() -> assertThat(replayed).generatesAtLeast(20))
                    .hasMessageContaining("at least 20.0 tokens/s, but the model generated 10.0 tokens/s");
        }

        @Test
        void missingFiguresFailInsteadOfPassingSilently() {
            LlmAnswer bare = TestAnswers.withoutFigures("5");

            assertThatThrownBy(() -> assertThat(bare).firstTokenWithin(Duration.ofSeconds(2)))
                    .hasMessageContaining("no time-to-first-token figure");
            assertThatThrownBy(() -> assertThat(bare).generatesAtLeast(1))
                    .hasMessageContaining("no token count");
        }

        @Test
        void latencyGivesAccessToEveryFigure() {
            assertThat(PHI4_FIBONACCI).latency()
                    .satisfies(l -> org.assertj.core.api.Assertions.assertThat(l.outputTokens()).hasValue(200));
        }
    }

    @Test
    void isCompleteFailsWhenTheTokenLimitCutTheAnswer() {
        assertThat(PHI4_FIBONACCI).isComplete();
        LlmAnswer cut = TestAnswers.liveWith("F(1) = 1, F(2) =", 1000, 100, 10, 500, "length");
        assertThatThrownBy(() -> assertThat(cut).isComplete()).hasMessageContaining("done_reason \"length\"")
                .hasMessageContaining("num_predict");
    }

    @Test
    void describedAssertionsKeepTheUsersDescription() {
        assertThatThrownBy(() -> assertThat(PHI4_FIBONACCI).as("fibonacci prompt").respondedWithin(Duration.ofMillis(1)))
                .hasMessageStartingWith("[fibonacci prompt]");
    }

    @Test
    void nullAnswerFailsClearly() {
        assertThatThrownBy(() -> assertThat((LlmAnswer) null).boxedAnswer())
                .hasMessageContaining("Expecting actual not to be null");
    }
}
