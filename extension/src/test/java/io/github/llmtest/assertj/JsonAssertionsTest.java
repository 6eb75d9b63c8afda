package io.github.llmtest.assertj;

import io.github.llmtest.Format;
import io.github.llmtest.LlmAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static io.github.llmtest.assertj.LlmAssertions.assertThatText;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** JSON in answers: found, checked against schemas and expected JSON, and read value by value. */
class JsonAssertionsTest {

    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"final_amount\":{\"type\":\"number\"},"
            + "\"currency\":{\"type\":\"string\"}},\"required\":[\"final_amount\",\"currency\"]}";

    @Test
    void theJsonIsTheWholeTextElseTheFirstFencedBlockElseTheFirstObjectAndTheDescriptionSaysWhich() {
        assertThatThrownBy(() -> assertThatText(" {\"a\": 1} ").json().node("/a").asNumber().isEqualByComparingTo("2"))
                .hasMessageContaining("JSON number at the whole text, /a");
        assertThatThrownBy(() -> assertThatText("Here it is:\n```json\n{\"a\": 2}\n```\nand {\"a\": 3}").json()
                .node("/a").asNumber().isEqualByComparingTo("1"))
                .hasMessageContaining("the first fenced ```json block");
        assertThatThrownBy(() -> assertThatText("The result is {\"a\": {\"b\": [1, 2]}} as asked.").json()
                .node("a.b[1]").asNumber().isEqualByComparingTo("1"))
                .hasMessageContaining("the first JSON object in the text (characters 15–34)");
        assertThatText("Noise {not json} then [1, 2]").json().isEqualTo("[1,2]");
    }

    @Test
    void noJsonFailsWithEachParseErrorItsPositionAndTheTextAroundIt() {
        assertThatThrownBy(() -> assertThatText("```json\n{\"amount\": 12,}\n```").json())
                .hasMessageContaining("Expecting the text to hold JSON, but none could be read")
                .hasMessageContaining("the first fenced ```json block is not valid JSON")
                .hasMessageContaining("at line 1, column 15")
                .hasMessageContaining("«{\"amount\": 12,⟨here⟩}»");
        assertThatThrownBy(() -> assertThat(LlmAnswer.of("I cannot produce JSON today.")).json())
                .hasMessageContaining("Expecting the answer to hold JSON")
                .hasMessageContaining("there is no { or [ in the text");
    }

    @Test
    void aSchemaIsCheckedWithEveryViolationAndItsPath() {
        assertThatText("{\"final_amount\": 1638616.44, \"currency\": \"USD\"}").json().matchesSchema(SCHEMA)
                .matchesSchemaResource("/schemas/interest.json");
        assertThatThrownBy(() -> assertThatText("{\"final_amount\": \"1,638,616.44\", \"extra\": true}").json()
                .matchesSchemaResource("schemas/interest.json"))
                .hasMessageContaining("to match the schema /schemas/interest.json, but it has 3 violation(s)")
                .hasMessageContaining("/final_amount: string found, number expected")
                .hasMessageContaining("(root): required property 'currency' not found")
                .hasMessageContaining("'extra' is not defined in the schema");
    }

    @Test
    void theSchemaARequestSentIsTheSchemaChecked() {
        Format format = Format.schema(SCHEMA);
        assertThatText("{\"final_amount\": 5, \"currency\": \"EUR\"}").json().matchesSchema(format);
        assertThatThrownBy(() -> assertThatText("{\"final_amount\": 5}").json().matchesSchema(format))
                .hasMessageContaining("the request's schema").hasMessageContaining("currency");
        assertThatThrownBy(() -> assertThatText("{}").json().matchesSchema(Format.json()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no schema");
    }

    @Test
    void draftSevenSchemasAreReadByTheirOwnRules() {
        String draft7 = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"array\","
                + "\"items\":[{\"type\":\"string\"}],\"additionalItems\":false}";
        assertThatText("[\"one\"]").json().matchesSchema(draft7);
        assertThatThrownBy(() -> assertThatText("[\"one\", 2]").json().matchesSchema(draft7))
                .hasMessageContaining("1 violation(s)");
    }

    @Test
    void expectedJsonIgnoresKeyOrderWhitespaceAndNumberSpellingAndRelaxesOnRequest() {
        JsonAnswerAssert json = assertThatText("{\"b\": [1, 2], \"a\": 1.0, \"extra\": \"x\"}").json();
        json.isEqualTo("{\"a\":1,\"b\":[1,2],\"extra\":\"x\"}");
        json.isEqualToJson("{\"a\": 1, \"b\": [2, 1]}", JsonAnswerAssert.Compare.IGNORING_EXTRA_FIELDS,
                JsonAnswerAssert.Compare.IGNORING_ARRAY_ORDER);
        assertThatThrownBy(() -> json.isEqualTo("{\"a\": 2, \"b\": [1, 2], \"extra\": \"x\"}"))
                .hasMessageContaining("to equal the expected JSON").hasMessageContaining("\"a\"")
                .hasMessageContaining("expected: <2> but was: <1.0>");
        assertThatThrownBy(() -> json.isEqualTo("{\"a\": 1, \"b\": [1, 2]}"))
                .hasMessageContaining("extra");
    }

    @Test
    void valuesAreReadByPointerOrDottedPathWithTheirJsonType() {
        JsonAnswerAssert json = assertThatText("{\"order\": {\"items\": [{\"price\": 12.50, \"name\": \"tea\"}],"
                + " \"paid\": true}}").json();
        json.node("/order/items/0/price").asNumber().isCloseTo(new BigDecimal("12.5"), within(BigDecimal.ZERO));
        json.node("$.order.items[0].name").asText().isEqualTo("tea");
        json.node("order.paid").asBoolean().isTrue();
        assertThatThrownBy(() -> json.node("/order/total"))
                .hasMessageContaining("Expecting a value at /order/total").hasMessageContaining("\"items\"");
        assertThatThrownBy(() -> json.node("/order/items/0/name").asNumber())
                .hasMessageContaining("Expecting a JSON number").hasMessageContaining("\"tea\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I'm sorry, but I can't help with that.",
            "I’m sorry, but I cannot provide financial advice.",
            "I can't assist with that request.",
            "As an AI language model, I cannot browse the internet.",
            "I am unable to provide that information.",
            "I must respectfully decline to answer.",
            "<think>They want a weapon.</think>I won't help with that."})
    void refusalsAreRecognised(String refusal) {
        assertThatThrownBy(() -> assertThatText(refusal).isNotRefusal())
                .hasMessageContaining("Expecting the text not to be a refusal, but it opens with");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The final amount is $1,638,616.44.",
            "I can help with that: the answer is 6765.",
            "Let me explain why you can't divide by zero: ..."})
    void answersThatOnlyMentionSuchWordsAreNotRefusals(String answer) {
        assertThatText(answer).isNotRefusal();
        assertThat(LlmAnswer.of(answer)).isNotRefusal().text().isNotEmpty();
    }

    @Test
    void onlyTheOpeningOfAnAnswerIsRead() {
        assertThatText("Step 1. " + "Work it out. ".repeat(40) + "I'm sorry, but I can't go on.").isNotRefusal();
    }

    @Test
    void withoutTheValidatorOnTheClassPathASchemaCheckNamesTheDependencyToAdd() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("json-schema-validator")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Class<?> entry = loader.loadClass(LlmAssertions.class.getName());
            Object text = entry.getMethod("assertThatText", String.class).invoke(null, "{\"a\": 1}");
            Object json = text.getClass().getMethod("json").invoke(text);
            assertThatThrownBy(() -> {
                try {
                    json.getClass().getMethod("matchesSchema", String.class).invoke(json, "{}");
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("com.networknt:json-schema-validator:2.0.8")
                    .hasMessageContaining("<scope>test</scope>");
        }
    }
}
