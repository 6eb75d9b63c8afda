package io.github.llmtest;

/**
 * Whether a test talks to the model, to its recorded fixtures, or to both.
 *
 * <table>
 *   <caption>Modes</caption>
 *   <tr><th>mode</th><th>calls the model</th><th>reads fixtures</th><th>writes fixtures</th></tr>
 *   <tr><td>{@link #LIVE}</td><td>always</td><td>no</td><td>no</td></tr>
 *   <tr><td>{@link #RECORD}</td><td>always</td><td>no</td><td>rewrites the test's file</td></tr>
 *   <tr><td>{@link #REPLAY}</td><td>never</td><td>yes; a missing answer fails the test</td><td>no</td></tr>
 *   <tr><td>{@link #AUTO}</td><td>for what is not recorded</td><td>yes</td><td>adds what was missing</td></tr>
 * </table>
 */
public enum LlmMode {
    /** Always call the model; never read or write fixtures. */
    LIVE,
    /** Always call the model and rewrite the test's fixture file with exactly this run's answers. */
    RECORD,
    /** Serve every answer from fixtures; a missing one fails the test with the command that records it. */
    REPLAY,
    /** Replay what is recorded; call the model for the rest and record it. */
    AUTO,
    /**
     * Not a mode: take it from the {@value LlmTest#MODE_PARAMETER} configuration parameter, else the
     * {@value LlmTest#MODE_ENV} environment variable, else {@link #REPLAY} when the {@code CI} environment
     * variable is set (and not {@code false}), else {@link #AUTO}.
     */
    DEFAULT
}
