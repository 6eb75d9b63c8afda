package io.github.llmtest.internal.call;

import io.github.llmtest.LlmAnswer;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where an assertion notes what it extracted from an answer: in the per-test record of the session that served the
 * answer, never on the answer, which stays an immutable value. An assertion has only the answer in hand, so the
 * pipeline remembers which session served it; the map holds answers weakly (by identity: {@link LlmAnswer} keeps
 * {@code Object}'s equality), so it keeps nothing alive. An answer no session served (built by a test) is ignored.
 */
public final class Extractions {

    /** Takes what assertions extracted from the answers it served. */
    public interface Log {
        /**
         * @param answer an answer the log's session served
         * @param what   for example {@code boxed answer}
         * @param value  what was extracted, or a note that nothing was
         */
        void extracted(LlmAnswer answer, String what, String value);
    }

    private static final Map<LlmAnswer, Log> SERVED_BY = Collections.synchronizedMap(new WeakHashMap<>());

    private Extractions() {
    }

    static void servedBy(LlmAnswer answer, Log log) {
        SERVED_BY.put(answer, log);
    }

    /**
     * @param answer an answer
     * @return what embeds texts in the test that served it, or empty for an answer no session served
     */
    public static java.util.Optional<Embedder> embedderOf(LlmAnswer answer) {
        return SERVED_BY.get(answer) instanceof Embedder embedder ? java.util.Optional.of(embedder)
                : java.util.Optional.empty();
    }

    /**
     * Notes what an assertion extracted from an answer.
     *
     * @param answer the answer
     * @param what   for example {@code boxed answer}
     * @param value  what was extracted, or a note that nothing was
     */
    public static void note(LlmAnswer answer, String what, String value) {
        Log log = SERVED_BY.get(answer);
        if (log != null) {
            log.extracted(answer, what, String.valueOf(value));
        }
    }
}
