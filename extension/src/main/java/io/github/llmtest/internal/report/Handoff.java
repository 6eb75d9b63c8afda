package io.github.llmtest.internal.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entries the extension published as JSON report entries, kept for the run report's listener in this JVM: the
 * listener recognises the very string it is handed and takes the entry itself, so an entry is written as JSON once
 * and never read back. A value published some other way (another JVM, a test that publishes by hand) is read from
 * its JSON instead.
 *
 * @param <E> the entry
 */
final class Handoff<E> {

    /** Only runs without the listener leave entries behind; past this many, the oldest are dropped. */
    private static final int MAX_PENDING = 1024;

    private final Map<String, E> pending = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, E> eldest) {
            return size() > MAX_PENDING;
        }
    });

    /** Keeps the entry under the string about to be published; returns that string. */
    String keep(String published, E entry) {
        pending.put(published, entry);
        return published;
    }

    /** The entry published as this string, or null when it was published some other way (or already taken). */
    E take(String published) {
        return pending.remove(published);
    }
}
