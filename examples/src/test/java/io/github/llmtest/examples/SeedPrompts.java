package io.github.llmtest.examples;

/** The three prompts of the scenario llmtest started from, exactly as they were sent to the models. */
final class SeedPrompts {

    static final String FIBONACCI = "Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...";
    static final String COMPOUND_INTEREST = "A bank offers an annual interest rate of 5%, compounded semi-annually. "
            + "What is the final amount if 1 million dollar is deposited for 10 years?";
    static final String PRISM = "If the volume of a rectangular prism is 120 cubic centimetres, its height is 6 cm, "
            + "and its width is 4 cm, what is its length?";

    private SeedPrompts() {
    }
}
