/**
 * The run report: a {@link org.junit.platform.launcher.TestExecutionListener} that collects what
 * {@link io.github.llmtest.LlmTest @LlmTest} publishes for each LLM call and, when the run ends, writes
 * {@code report.json}, {@code report.md} and a self-contained {@code report.html} into {@code target/llmtest/}
 * (or {@value io.github.llmtest.LlmTest#REPORT_DIR_PARAMETER}). It is registered automatically.
 */
package io.github.llmtest.report;
