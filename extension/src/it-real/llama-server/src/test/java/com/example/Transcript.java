package com.example;

import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What each call answered, one line per call, in target/transcripts/MODE/TEST.txt: the leg compares the recording
 * run's lines with the replay run's. The answers are gibberish (random weights), so the text itself is never
 * checked, only that replay gives back exactly what was recorded, with the same counts, times and model.
 */
final class Transcript {

    private Transcript() {
    }

    static String mode() {
        return System.getProperty("llmtest.mode", "unset");
    }

    static boolean recording() {
        return mode().equals("record");
    }

    /** Appends one call: its text, finish reason, token counts, the server's times and the model that answered. */
    static void write(String test, LlmAnswer answer, String answeredBy) {
        Latency l = answer.latency();
        String line = String.join("\t", escape(answer.text()), answer.doneReason().orElse("-"),
                count(l.promptTokens()), count(l.outputTokens()), micros(l.promptEval()), micros(l.eval()),
                micros(Optional.of(l.total())), micros(l.firstToken()), answer.model(), answeredBy) + "\n";
        Path file = Path.of("target", "transcripts", mode(), test + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static String count(OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : "-";
    }

    /** Fixtures keep times to the microsecond: so does the transcript, rounded the same way. */
    private static String micros(Optional<Duration> value) {
        return value.map(d -> String.valueOf(Math.round(d.toNanos() / 1e3))).orElse("-");
    }
}
