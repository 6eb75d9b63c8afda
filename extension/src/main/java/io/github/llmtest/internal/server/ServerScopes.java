package io.github.llmtest.internal.server;

import io.github.llmtest.internal.call.CallSession;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tests running now, for attributing each call the server receives. A test that is running is a leaf: an
 * active scope none of whose descendants is active (a class between its methods, a method while it runs). With one
 * leaf the call is its; with several (parallel execution) nobody can tell whose it is. Thread-safe.
 */
public final class ServerScopes {

    /** Who a call belongs to. */
    public record Resolution(CallSession session, List<String> running) {

        /** @return true when exactly one test is running */
        public boolean attributed() {
            return session != null;
        }
    }

    private record Entry(String id, Set<String> ancestors, String name, Supplier<CallSession> session) {
    }

    private final Map<String, Entry> active = new ConcurrentHashMap<>();

    /**
     * Starts a scope.
     *
     * @param id        the JUnit unique id of the test or class
     * @param ancestors the unique ids of its parents
     * @param name      for messages, such as {@code FooTest#bar}
     * @param session   creates the test's session on the first call attributed to it
     */
    public void enter(String id, List<String> ancestors, String name, Supplier<CallSession> session) {
        Supplier<CallSession> once = new Supplier<>() {
            private volatile CallSession created;

            @Override
            public synchronized CallSession get() {
                if (created == null) {
                    created = session.get();
                }
                return created;
            }
        };
        active.put(id, new Entry(id, Set.copyOf(ancestors), name, once));
    }

    /**
     * Ends a scope.
     *
     * @param id the id given to {@link #enter}
     */
    public void leave(String id) {
        active.remove(id);
    }

    /** @return whether any test or class is in a scope now */
    public boolean anyActive() {
        return !active.isEmpty();
    }

    /**
     * @return the running test, or the names of all running tests when there is not exactly one
     * @throws RuntimeException from creating the scope, such as a configuration error
     */
    public Resolution current() {
        List<Entry> leaves = leaves();
        if (leaves.size() == 1) {
            return new Resolution(leaves.get(0).session().get(), List.of(leaves.get(0).name()));
        }
        return new Resolution(null, leaves.stream().map(Entry::name).sorted().toList());
    }

    /**
     * @return the scopes of every running test, created if need be, to tell each one of a call nobody could
     * attribute
     */
    public List<CallSession> running() {
        return leaves().stream().map(e -> e.session().get()).toList();
    }

    private List<Entry> leaves() {
        List<Entry> entries = new ArrayList<>(active.values());
        Set<String> parents = new HashSet<>();
        entries.forEach(e -> parents.addAll(e.ancestors()));
        return entries.stream().filter(e -> !parents.contains(e.id())).toList();
    }
}
