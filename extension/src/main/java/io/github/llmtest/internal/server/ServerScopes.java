package io.github.llmtest.internal.server;

import io.github.llmtest.internal.call.CallSession;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tests running now, for attributing each call the server receives. A test that is running is a leaf: an
 * active scope none of whose descendants is active (a class between its methods, a method while it runs). With one
 * leaf the call is its; with several (parallel execution) nobody can tell whose it is, unless the call came to a
 * test's own base URL path, {@code /t/<token>/...} ({@link #token}): then it is the one running test at or below
 * the scope the token belongs to. Thread-safe.
 */
public final class ServerScopes {

    /** The first segment of a test's own base URL path: {@code /t/<token>}. */
    static final String PREFIX = "/t/";

    /**
     * Who a call belongs to.
     *
     * @param session the session it is attributed to, or null
     * @param running the names of the running tests it could belong to
     * @param owner   the name of the test or class whose URL the call came to, or null when it came to the plain URL
     * @param ended   true when it came to the URL of a test that is no longer running
     */
    public record Resolution(CallSession session, List<String> running, String owner, boolean ended) {

        /** @return true when exactly one test is running */
        public boolean attributed() {
            return session != null;
        }
    }

    private record Entry(String id, Set<String> ancestors, String name, Supplier<CallSession> session) {
    }

    private final Map<String, Entry> active = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    /**
     * Made on the first token: seeding a {@code SecureRandom} loads the JDK's security providers (tens of
     * milliseconds in a cold JVM), which a run whose tests never ask for an {@code LlmServer} should not pay.
     */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    /**
     * @param id the JUnit unique id of a test or class
     * @return the token of its own base URL path, the same until the scope is left
     */
    public String token(String id) {
        return tokens.computeIfAbsent(id, k -> {
            byte[] bytes = new byte[6];
            Random.SOURCE.nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            owners.put(token, k);
            return token;
        });
    }

    /**
     * @param rawPath a request's path
     * @return the token in its {@code /t/<token>} prefix, or null when it has none
     */
    static String tokenOf(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return null;
        }
        int end = rawPath.indexOf('/', PREFIX.length());
        return rawPath.substring(PREFIX.length(), end < 0 ? rawPath.length() : end);
    }

    /**
     * @param rawPath a request's path
     * @return the path without its {@code /t/<token>} prefix, such as {@code /api/chat}
     */
    static String withoutToken(String rawPath) {
        if (tokenOf(rawPath) == null) {
            return rawPath;
        }
        int end = rawPath.indexOf('/', PREFIX.length());
        return end < 0 ? "/" : rawPath.substring(end);
    }

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
        String token = tokens.remove(id);
        if (token != null) {
            owners.remove(token);
        }
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
        return resolve(leaves(), null);
    }

    /**
     * @param token the token of the URL the call came to, or null for the plain URL
     * @return the running test at or below the token's scope (any running test when there is no token), or the
     * names of those it could be when there is not exactly one
     */
    public Resolution current(String token) {
        if (token == null) {
            return current();
        }
        String owner = owners.get(token);
        if (owner == null) {
            return new Resolution(null, List.of(), null, true);
        }
        Entry scope = active.get(owner);
        return resolve(under(owner), scope == null ? owner : scope.name());
    }

    private static Resolution resolve(List<Entry> leaves, String owner) {
        if (leaves.size() == 1) {
            return new Resolution(leaves.get(0).session().get(), List.of(leaves.get(0).name()), owner, false);
        }
        return new Resolution(null, leaves.stream().map(Entry::name).sorted().toList(), owner, false);
    }

    /**
     * @param token the token of the URL a call came to, or null
     * @return the sessions of the running tests the call could belong to, to tell each of a call nobody could
     * attribute
     */
    public List<CallSession> running(String token) {
        if (token == null) {
            return running();
        }
        String owner = owners.get(token);
        return owner == null ? List.of() : under(owner).stream().map(e -> e.session().get()).toList();
    }

    private List<Entry> under(String owner) {
        return leaves().stream().filter(e -> e.id().equals(owner) || e.ancestors().contains(owner)).toList();
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
