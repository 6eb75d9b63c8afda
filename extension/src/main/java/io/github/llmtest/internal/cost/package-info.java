/**
 * What calls cost: {@link io.github.llmtest.internal.cost.Prices}, the run's price table read from a JSON file, which
 * prices one call's token counts as a {@link io.github.llmtest.Cost}. Not API.
 */
package io.github.llmtest.internal.cost;
