package io.github.llmtest.answer;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The table in {@code equivalence-cases.txt}, each row in both directions, plus configuration and hostile input. */
class MathEquivalenceTest {

    record Case(int line, String expected, String actual, boolean equivalent) {
    }

    static List<Case> cases() throws IOException {
        return CaseTable.read("/equivalence-cases.txt", 3).stream().map(row -> new Case(row.line(),
                row.cells().get(0), row.cells().get(1).strip(), Boolean.parseBoolean(row.cells().get(2)))).toList();
    }

    @Test
    void theTableHasAtLeast150Cases() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(cases()).filteredOn(Case::equivalent).hasSizeGreaterThan(50);
        assertThat(cases()).filteredOn(c -> !c.equivalent()).hasSizeGreaterThan(40);
    }

    @TestFactory
    Stream<DynamicTest> equivalenceTable() throws IOException {
        return cases().stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest("line " + c.line() + ": " + c.expected() + " ≡ " + c.actual() + " is "
                        + c.equivalent(), () -> check(c, c.expected(), c.actual())),
                DynamicTest.dynamicTest("line " + c.line() + " reversed: " + c.actual() + " ≡ " + c.expected() + " is "
                        + c.equivalent(), () -> check(c, c.actual(), c.expected()))));
    }

    private static void check(Case c, String expected, String actual) {
        MathEquivalence.Result result = MathEquivalence.DEFAULT.check(expected, actual);
        assertThat(result.equivalent()).as("line %d: %s vs %s → %s", c.line(), expected, actual, result)
                .isEqualTo(c.equivalent());
        assertThat(result.reason()).isNotBlank();
    }

    @Test
    void theReasonShowsBothSidesAsParsed() {
        MathEquivalence.Result result = MathEquivalence.DEFAULT.check("\\frac{1}{2}", "0.51");

        assertThat(result.equivalent()).isFalse();
        assertThat(result.expected()).isEqualTo("1/2");
        assertThat(result.actual()).isEqualTo("0.51");
        assertThat(result.reason()).isEqualTo("1/2 ≠ 0.51 (after rounding to 6 decimal places)");
        assertThat(MathEquivalence.DEFAULT.check("5", "five").reason()).contains("could not read the actual answer");
    }

    @Test
    void decimalPlacesAndUnitsAreConfigurable() {
        MathEquivalence twoPlaces = MathEquivalence.builder().decimalPlaces(2).build();
        assertThat(twoPlaces.test("\\pi", "3.14")).isTrue();
        assertThat(MathEquivalence.equivalent("\\pi", "3.14")).isFalse();

        MathEquivalence strictUnits = MathEquivalence.builder().ignoreUnits(false).build();
        assertThat(strictUnits.test("5 cm", "5 cm")).isTrue();
        assertThat(strictUnits.test("5 cm", "5 m")).isFalse();
        assertThat(strictUnits.check("5 cm", "5").reason()).contains("units differ");

        MathEquivalence relative = MathEquivalence.builder().relativeTolerance(1e-4).build();
        assertThat(relative.test("1638616.44", "1638620")).isTrue();
        assertThat(MathEquivalence.equivalent("1638616.44", "1638620")).isFalse();
        assertThatThrownBy(() -> MathEquivalence.builder().decimalPlaces(16)).hasMessageContaining("decimalPlaces");
        assertThatThrownBy(() -> MathEquivalence.builder().relativeTolerance(-1)).hasMessageContaining("relativeTolerance");
    }

    static Stream<String> hostile() {
        int mb = 1024 * 1024;
        return Stream.of("(".repeat(100_000) + "1" + ")".repeat(100_000), "{".repeat(mb), "9".repeat(mb),
                "2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2", "10^{10^{10^{10}}}", "9^{99999999}", "1e999999",
                "\\frac{".repeat(50_000), "\\sqrt{".repeat(50_000), "x".repeat(4000), "1+".repeat(2400) + "1",
                "\\text{" + "a".repeat(mb), "\\boxed{".repeat(100_000), "((((((((((x))))))))))^{1000000}",
                "\\begin{pmatrix}" + "1 & ".repeat(1200) + "1\\end{pmatrix}", "0/0", "1/0", "\\ln(-1)",
                "\u0000\u0001", "\\", "$", "^", "((", "))", "\\left(", "x^", "\\frac{1}", "[1,", "\\{1",
                "|".repeat(mb), "|x|".repeat(2000), "\\{x \\mid ".repeat(20_000), "1\\,".repeat(mb / 3),
                "12:00".repeat(4000), "1 \\le |x| \\le ".repeat(1000) + "2", "6, and ".repeat(2000));
    }

    @TestFactory
    Stream<DynamicTest> hostileInputReturnsQuicklyWithoutThrowing() {
        return hostile().map(input -> DynamicTest.dynamicTest(
                "hostile: " + input.substring(0, Math.min(24, input.length())).replace("\u0000", "\\0"),
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                    MathEquivalence.Result one = MathEquivalence.DEFAULT.check(input, "1");
                    MathEquivalence.Result two = MathEquivalence.DEFAULT.check("x + 1", input);
                    assertThat(one.reason()).isNotBlank();
                    assertThat(two.reason()).isNotBlank();
                })));
    }

    @Test
    void randomInputsNeverThrowOrHang() {
        Random random = new Random(7);
        String alphabet = "0123456789+-*/^()[]{}.,=xy \\fracsqrtpi%$e";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 3000; i++) {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(40);
                for (int j = 0; j < length; j++) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                MathEquivalence.Result result = MathEquivalence.DEFAULT.check(s.toString(), "1");
                assertThat(result).isNotNull();
                assertThat(MathEquivalence.DEFAULT.check(s.toString(), s.toString()).reason()).isNotBlank();
            }
        });
    }
}
