package io.github.llmtest.assertj;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.llmtest.assertj.LlmAssertions.assertThatText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.catchThrowable;

/** JSON assertions on hostile answers: bounded numbers, short messages, unusable schemas, duplicate keys. */
class JsonAssertionLimitsTest {

    /** Far more than any message needs: the JSON, ten violations and the differences are each cut. */
    static final int SHORT = 3_000;
    /** Over the 20,000,000 characters Jackson's default limits let JsonUnit read as one string. */
    static final String HUGE = "{\"a\":\"" + "x".repeat(21_000_000) + "\",\"n\":1}";

    @Test
    void aNumberTooLargeForTheValidatorFailsNamingTheValueInsteadOfRunningForMinutes() {
        String schema = "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"number\",\"multipleOf\":0.0001}}}";

        // a guard against the hang this was (minutes, uninterruptible), not a speed target
        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> catchThrowable(() ->
                assertThatText("{\"x\": 1e999999}").json().matchesSchema(schema)));

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the number at /x, 1E+999999, takes 1,000,000 digits written out")
                .hasMessageContaining("more than the 1,000");
        assertThatText("{\"x\": 1e300}").json().matchesSchema(schema);
    }

    @Test
    void aHugeAnswerThatDoesNotMatchTheSchemaGivesAShortMessage() {
        Throwable failure = catchThrowable(() -> assertThatText(HUGE).json()
                .matchesSchema("{\"properties\":{\"a\":{\"maxLength\":3}}}"));

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("/a: must be at most 3 characters long");
        assertThat(failure.getMessage().length()).isLessThan(SHORT);
    }

    @Test
    void aHugeAnswerComparedWithExpectedJsonIsAnAssertionFailureWithAShortMessage() {
        Throwable failure = catchThrowable(() -> assertThatText(HUGE).json().isEqualTo("{\"a\":\"y\",\"n\":1}"));

        assertThat(failure).isInstanceOf(AssertionError.class)
                .hasMessageContaining("to equal the expected JSON").hasMessageContaining("expected: <\"y\">");
        assertThat(failure.getMessage().length()).isLessThan(SHORT);
    }

    @Test
    void manyViolationsAreCountedAndTheFirstTenListed() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append("\"").append("v".repeat(1000)).append("\"");
        }
        Throwable failure = catchThrowable(() -> assertThatText(json.append("]").toString()).json()
                .matchesSchema("{\"type\":\"array\",\"items\":{\"type\":\"number\"}}"));

        assertThat(failure).hasMessageContaining("it has 500 violation(s)").hasMessageContaining("… and 490 more");
        assertThat(failure.getMessage().length()).isLessThan(SHORT);
    }

    @Test
    void aRefLoopMeansTheSchemaCannotBeUsed() {
        String loop = "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}";

        assertThatThrownBy(() -> assertThatText("{\"x\": 1}").json().matchesSchema(loop))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schema cannot be used: ").hasMessageContaining("$ref loop");
    }

    @Test
    void aRefThatCannotBeResolvedMeansTheSchemaCannotBeUsed() {
        assertThatThrownBy(() -> assertThatText("{\"x\": 1}").json().matchesSchema("{\"$ref\":\"#/$defs/nope\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schema cannot be used: ").hasMessageContaining("/$defs/nope");
        assertThatThrownBy(() -> assertThatText("{\"x\": 1}").json()
                .matchesSchema("{\"$ref\":\"file:///no/such/schema.json\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schema cannot be used: ").hasMessageContaining("/no/such/schema.json");
    }

    @Test
    void aKeyTwiceInOneObjectIsRefusedNamingTheKeyAndItsPosition() {
        assertThatThrownBy(() -> assertThatText("{\"a\":1,\"a\":2}").json())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Duplicate field 'a' at line 1, column 11")
                .hasMessageContaining("«{\"a\":1,\"a\"⟨here⟩:2}»");
        assertThatText("{\"a\":{\"b\":1},\"c\":{\"b\":2}}").json().node("/c/b").asNumber().isEqualByComparingTo("2");
    }

    @Test
    void expectedJsonThatCannotBeReadIsTheTestsMistakeNamedShortly() {
        assertThatThrownBy(() -> assertThatText("{}").json().isEqualTo("{nope " + "z".repeat(100_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The expected JSON cannot be read")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(SHORT));
    }
}
