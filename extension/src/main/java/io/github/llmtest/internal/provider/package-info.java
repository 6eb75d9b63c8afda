/**
 * Not API. The seam between the extension and model servers: {@link io.github.llmtest.internal.provider.Provider}
 * and the neutral request and answer types every provider speaks.
 */
package io.github.llmtest.internal.provider;
