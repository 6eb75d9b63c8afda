package io.github.llmtest;

import io.github.llmtest.internal.AtomicFiles;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Secrets;
import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.report.CallEntry;
import io.github.llmtest.internal.report.Extraction;
import io.github.llmtest.internal.report.Transcript;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a test's transcript ({@link Transcript}) when it has run, from what its {@link TestSession} already holds:
 * the calls, what assertions extracted (judge verdicts among them) and the failure. Which tests get one is
 * {@code llmtest.transcripts}; where it is attached, {@code llmtest.attachments}. A transcript that cannot be
 * written is a warning: the test's result stays what it was.
 */
final class Transcripts {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    /** Which tests get a transcript. */
    enum Which { FAILURES, ALL, NONE }

    /** Where a transcript is attached besides being written. */
    enum Attach { JUNIT, JENKINS, NONE }

    private Transcripts() {
    }

    /** Fails the class at once, naming the setting, when either setting has a value llmtest does not know. */
    static void validate(ExtensionContext context) {
        parse(context, SettingNames.TRANSCRIPTS, Which.class, Which.FAILURES);
        parse(context, SettingNames.ATTACHMENTS, Attach.class, Attach.JUNIT);
    }

    /**
     * The run's transcript settings, read once per run.
     *
     * @param which           which tests get a transcript
     * @param attach          where it is attached
     * @param dir             the transcripts' directory
     * @param hadTranscripts  whether that directory existed when the run began: only then can a passing test have a
     *                        transcript of an earlier failure to remove
     */
    private record Run(Which which, Attach attach, Path dir, boolean hadTranscripts) {
    }

    /** The run's settings, or null when one of them is malformed (reported by {@link #validate}). */
    private static Run run(ExtensionContext context) {
        try {
            return ExtensionStore.computeIfAbsent(ExtensionStore.root(context), Run.class, () -> {
                Path dir = Transcript.directory(context.getConfigurationParameter(SettingNames.REPORT_DIR)
                        .orElse(null));
                return new Run(parse(context, SettingNames.TRANSCRIPTS, Which.class, Which.FAILURES),
                        parse(context, SettingNames.ATTACHMENTS, Attach.class, Attach.JUNIT), dir,
                        Files.isDirectory(dir));
            }, Run.class);
        } catch (ExtensionConfigurationException e) {
            return null;
        }
    }

    /** Makes a dataset case's own session (run ahead of the invocation) the one its invocation's transcript shows. */
    static void showSession(ExtensionContext context, TestSession session) {
        ExtensionStore.of(context).put(ExtensionStore.transcriptSessionKey(context), session);
    }

    /**
     * Writes the transcript of a test that has run, if the settings ask for one, and attaches it.
     *
     * @param context the test's context
     * @param failure why it failed, or null when it passed
     * @param console where the {@code [[ATTACHMENT|…]]} line goes: the test's own output
     */
    static void finished(ExtensionContext context, Throwable failure, PrintStream console) {
        Run run = run(context);
        if (run == null || run.which() == Which.NONE) {
            return; // a bad setting was already reported by validate, before the class ran
        }
        boolean passedWithoutOne = failure == null && run.which() == Which.FAILURES;
        if (passedWithoutOne && !run.hadTranscripts()) {
            return; // no earlier run left a transcript this test's could replace: nothing to write or delete
        }
        Optional<TestSession> session = session(context);
        if (session.isEmpty()) {
            return;
        }
        Attach attach = run.attach();
        Path dir = run.dir();
        String name = Transcript.baseName(session.get().testId(), context.getDisplayName(), context.getUniqueId());
        Path html = dir.resolve(name + ".html");
        Path json = dir.resolve(name + ".json");
        try {
            if (passedWithoutOne) {
                Files.deleteIfExists(html); // the transcript of an earlier run's failure of this very test
                Files.deleteIfExists(json);
                return;
            }
            Transcript transcript = transcript(session.get(), context, failure);
            String page = transcript.html(json.getFileName().toString());
            String data = Jsons.pretty(transcript.toJson()) + "\n";
            List<String> secrets = Secrets.found(page + data);
            if (!secrets.isEmpty()) {
                throw new IOException("it would hold " + String.join(" and ", secrets)
                        + ", and a secret never goes into a transcript");
            }
            Files.createDirectories(dir);
            AtomicFiles.write(json, data);
            AtomicFiles.write(html, page);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: could not write the transcript of "
                    + context.getDisplayName() + " to " + html + ": " + e + " (the test's result is not affected)");
            return;
        }
        context.publishReportEntry(Transcript.KEY, html.toString());
        if (attach != Attach.NONE) {
            FilePublishing.publish(context, html, "text/html; charset=UTF-8");
        }
        if (attach == Attach.JENKINS && failure != null) {
            console.println("[[ATTACHMENT|" + html + "]]");
        }
    }

    /**
     * The invocation's session: a dataset case's own, or the test's; none when the session could not be made (the
     * store then throws the configuration error the test already failed with).
     */
    private static Optional<TestSession> session(ExtensionContext context) {
        TestSession shown = ExtensionStore.of(context).get(ExtensionStore.transcriptSessionKey(context),
                TestSession.class);
        if (shown != null) {
            return Optional.of(shown);
        }
        try {
            return LlmExtension.existingSession(context);
        } catch (RuntimeException badSettings) {
            return Optional.empty();
        }
    }

    private static Transcript transcript(TestSession session, ExtensionContext context, Throwable failure) {
        List<CallEntry> calls = new ArrayList<>();
        List<Extraction> extractions = new ArrayList<>();
        for (LlmCall call : session.calls()) {
            calls.add(CallReports.entry(session, call));
            for (TestSession.Extracted e : session.extractions(call.answer())) {
                extractions.add(new Extraction(call.index(), e.what(), e.value()));
            }
        }
        return new Transcript(session.testId(), context.getDisplayName(), context.getUniqueId(),
                failure == null ? "successful" : "failed", failure == null ? null : message(failure), calls,
                extractions);
    }

    /** The failure's message, and those of the failures it carries (a broken cost budget next to a latency one). */
    static String message(Throwable failure) {
        StringBuilder text = new StringBuilder(describe(failure));
        for (Throwable suppressed : failure.getSuppressed()) {
            text.append("\n\nAlso: ").append(describe(suppressed));
        }
        return text.toString();
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        return t instanceof AssertionError ? (message.isEmpty() ? t.toString() : message)
                : t.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static <E extends Enum<E>> E parse(ExtensionContext context, String setting, Class<E> type,
                                               E fallback) {
        Optional<String> value = context.getConfigurationParameter(setting).map(String::strip)
                .filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.get())) {
                return e;
            }
        }
        List<String> known = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            known.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ExtensionConfigurationException(setting + "=" + value.get() + " is not one of "
                + String.join(", ", known) + "; set it to one of them or leave it out for "
                + fallback.name().toLowerCase(Locale.ROOT));
    }
}
