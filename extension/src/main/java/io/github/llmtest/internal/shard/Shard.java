package io.github.llmtest.internal.shard;

import io.github.llmtest.internal.SettingNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One shard of a run split across machines: {@code index} of {@code count}, as {@code -Dllmtest.shard=2/4} says.
 * Work is assigned by a hash (SHA-256) of a stable id, never by the order it was found in, so every machine computes
 * the same partition: the shards are disjoint and together complete.
 *
 * @param index the shard, from 1
 * @param count how many shards there are
 */
public record Shard(int index, int count) {

    /**
     * @throws IllegalArgumentException when index is not between 1 and count
     */
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException(SettingNames.SHARD + " must be INDEX/COUNT with 1 <= INDEX <= COUNT, "
                    + "such as 2/4, but was " + index + "/" + count);
        }
    }

    /**
     * The shard this JVM runs: the system property {@value SettingNames#SHARD}, else the environment variable
     * {@value SettingNames#SHARD_ENV}; none when neither is set (or the value is blank).
     *
     * @return the shard
     * @throws IllegalArgumentException naming the setting and the expected form when the value is malformed
     */
    public static Optional<Shard> current() {
        return current(System::getProperty, System::getenv);
    }

    /** {@link #current()} from other sources, for tests. */
    static Optional<Shard> current(Function<String, String> properties, Function<String, String> environment) {
        String value = properties.apply(SettingNames.SHARD);
        if (value == null || value.isBlank()) {
            value = environment.apply(SettingNames.SHARD_ENV);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value));
    }

    /**
     * @param value {@code 2/4}
     * @return the shard
     * @throws IllegalArgumentException naming the setting and the expected form when the value is malformed
     */
    public static Shard parse(String value) {
        String[] parts = value.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(SettingNames.SHARD + " must be INDEX/COUNT with 1 <= INDEX <= COUNT, "
                + "such as 2/4, but was \"" + value + "\"");
    }

    /**
     * @param id a stable id: a test class's name
     * @return whether this shard runs it
     */
    public boolean owns(String id) {
        return Math.floorMod(hash(id), count) == index - 1;
    }

    /**
     * This shard's share of many small units (a dataset's cases): the units ranked by the hash of their ids, and
     * every {@code count}th rank taken from this shard's, starting where the hash of {@code group} says. The shares
     * differ in size by one at most, and each is non-empty when there are at least {@code count} units.
     *
     * @param group an id of the whole (a dataset test's class and method), so that small groups start on different
     *              shards
     * @param units the units, ids unique
     * @param id    a unit's stable id
     * @param <T>   the unit
     * @return this shard's units, in their original order
     */
    public <T> List<T> share(String group, List<T> units, Function<T, String> id) {
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            ranked.add(i);
        }
        ranked.sort(Comparator.comparingLong((Integer i) -> hash(id.apply(units.get(i))))
                .thenComparing(i -> id.apply(units.get(i))));
        int first = Math.floorMod(hash(group), count);
        boolean[] mine = new boolean[units.size()];
        for (int rank = 0; rank < ranked.size(); rank++) {
            mine[ranked.get(rank)] = Math.floorMod(first + rank, count) == index - 1;
        }
        List<T> share = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (mine[i]) {
                share.add(units.get(i));
            }
        }
        return share;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** The first eight bytes of the id's SHA-256: the same on every JVM, unlike an object's hash code. */
    private static long hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = h << 8 | (digest[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
