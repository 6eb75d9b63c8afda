/**
 * Not API. The statistics behind paired comparisons and baselines, as small pure functions over counts: the exact
 * McNemar test ({@link io.github.llmtest.internal.stats.McNemar}), Newcombe's interval for a difference of paired
 * proportions ({@link io.github.llmtest.internal.stats.PairedInterval}), Fisher's exact test ({@link
 * io.github.llmtest.internal.stats.Fisher}) and the smallest difference a paired comparison could detect ({@link
 * io.github.llmtest.internal.stats.DetectableDifference}). {@link io.github.llmtest.internal.stats.Paired} puts them
 * together for two models' verdicts on the same cases. Nothing here knows JUnit or the report.
 */
package io.github.llmtest.internal.stats;
