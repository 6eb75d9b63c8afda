/**
 * Not API. The run report: a {@link org.junit.platform.launcher.TestExecutionListener} that collects what
 * {@link io.github.llmtest.LlmTest @LlmTest} publishes for each LLM call ({@link
 * io.github.llmtest.internal.report.CallEntry}, {@link io.github.llmtest.internal.report.SamplesEntry}, {@link
 * io.github.llmtest.internal.report.Extraction}: the typed contract both sides share) and, when the run ends, writes
 * {@code report.json}, {@code report.md} and a self-contained {@code report.html} into {@code target/llmtest/}
 * (or {@value io.github.llmtest.LlmTest#REPORT_DIR_PARAMETER}). It is registered automatically.
 */
package io.github.llmtest.internal.report;
