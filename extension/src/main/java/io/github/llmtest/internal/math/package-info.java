/**
 * Not API. Math equivalence without a computer algebra system: the tokenizer, a bounded recursive-descent parser,
 * exact rational arithmetic and identity testing at random points, behind
 * {@link io.github.llmtest.answer.MathEquivalence}.
 */
package io.github.llmtest.internal.math;
