/**
 * Pure functions that find what an answer commits to: the {@code \boxed{}} answer, the final answer by anchor
 * priority, and the final number with its percent sign, unit and raw text. Thread-safe, no I/O, and linear in the
 * length of the text: no regular expression that can backtrack.
 */
package io.github.llmtest.answer;
