package io.github.llmtest;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Where the time of one call went. {@link #total()} is the client's wall time with any model load taken out, so a
 * latency budget measures answering, not loading. The other figures are the server's own, and may be absent.
 *
 * <p>For a replayed answer these are the figures recorded with it, not a measurement of this run.
 */
public final class Latency {

    private final Duration total;
    private final Duration firstToken;
    private final Duration load;
    private final Duration promptEval;
    private final Duration eval;
    private final Integer promptTokens;
    private final Integer outputTokens;

    Latency(Duration total, Duration firstToken, Duration load, Duration promptEval, Duration eval,
            Integer promptTokens, Integer outputTokens) {
        this.total = Objects.requireNonNull(total, "total");
        this.firstToken = firstToken;
        this.load = load;
        this.promptEval = promptEval;
        this.eval = eval;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
    }

    /** @return the wall time of the call, model load excluded */
    public Duration total() {
        return total;
    }

    /** @return the time until the first piece of the answer arrived, model load excluded (streamed calls) */
    public Optional<Duration> firstToken() {
        return Optional.ofNullable(firstToken);
    }

    /** @return the time the server spent loading the model for this call */
    public Optional<Duration> load() {
        return Optional.ofNullable(load);
    }

    /** @return the time the server spent reading the prompt */
    public Optional<Duration> promptEval() {
        return Optional.ofNullable(promptEval);
    }

    /** @return the time the server spent generating the answer */
    public Optional<Duration> eval() {
        return Optional.ofNullable(eval);
    }

    /** @return the number of prompt tokens */
    public OptionalInt promptTokens() {
        return promptTokens == null ? OptionalInt.empty() : OptionalInt.of(promptTokens);
    }

    /** @return the number of generated tokens */
    public OptionalInt outputTokens() {
        return outputTokens == null ? OptionalInt.empty() : OptionalInt.of(outputTokens);
    }

    /** @return generated tokens per second of generation time */
    public OptionalDouble tokensPerSecond() {
        if (outputTokens == null || eval == null || eval.isZero()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(outputTokens * 1e9 / eval.toNanos());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("total ").append(Durations.format(total));
        firstToken().ifPresent(d -> out.append(", first token ").append(Durations.format(d)));
        load().ifPresent(d -> out.append(", load ").append(Durations.format(d)));
        promptEval().ifPresent(d -> out.append(", prompt eval ").append(Durations.format(d)));
        eval().ifPresent(d -> out.append(", generation ").append(Durations.format(d)));
        outputTokens().ifPresent(n -> out.append(", ").append(n).append(" tokens"));
        tokensPerSecond().ifPresent(t -> out.append(String.format(java.util.Locale.ROOT, ", %.1f tokens/s", t)));
        return out.toString();
    }
}
