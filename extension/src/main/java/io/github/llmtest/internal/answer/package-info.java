/**
 * Not API. Answer extraction: the one number reader ({@link io.github.llmtest.internal.answer.NumberScanner}),
 * boxes and anchors ({@link io.github.llmtest.internal.answer.AnswerFinder}), behind
 * {@link io.github.llmtest.answer.Answers}.
 */
package io.github.llmtest.internal.answer;
