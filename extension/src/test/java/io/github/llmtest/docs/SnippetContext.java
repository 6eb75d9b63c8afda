package io.github.llmtest.docs;

import io.github.llmtest.Llm;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmServer;

import java.math.BigDecimal;

/**
 * What the documentation's fragments take for granted: a wrapped fragment extends this class, so a snippet may use
 * {@code llm}, {@code server}, {@code answer} and the prompts the prose names without declaring them. A snippet's
 * own declarations shadow these.
 */
public abstract class SnippetContext {

    /** The prompt a fragment asks about. */
    protected static final String PROMPT = "A bank offers an annual interest rate of 5%, compounded semi-annually.";
    /** The Fibonacci prompt of the examples. */
    protected static final String FIBONACCI = "Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...";
    /** The tolerance of one dollar. */
    protected static final BigDecimal ONE = BigDecimal.ONE;

    /** The test's model. */
    protected Llm llm;
    /** The test's {@code LlmServer}. */
    protected LlmServer server;
    /** An answer a fragment asserts on. */
    protected LlmAnswer answer;
}
