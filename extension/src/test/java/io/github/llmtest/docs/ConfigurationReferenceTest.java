package io.github.llmtest.docs;

import io.github.llmtest.LlmDataset;
import io.github.llmtest.LlmServer;
import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.call.WarmUp;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.report.BudgetEntry;
import io.github.llmtest.internal.report.CallEntry;
import io.github.llmtest.internal.report.DatasetEntry;
import io.github.llmtest.internal.report.Extraction;
import io.github.llmtest.internal.report.SamplesEntry;
import io.github.llmtest.internal.report.Transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The configuration reference ({@code docs/guide/08-configuration.md}) names exactly the {@code llmtest.*} settings
 * the code reads (and the two system properties it sets for applications): none documented that the code ignores,
 * none read that is undocumented.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path REFERENCE = ROOT.resolve("docs/guide/08-configuration.md");

    /** A quoted {@code llmtest.} name in the sources. */
    private static final Pattern LITERAL = Pattern.compile("\"(llmtest\\.[a-z0-9.-]+)\"");
    /** A setting named in prose; {@code [llmtest.call]} (a printed line's prefix) is no setting. */
    private static final Pattern NAMED = Pattern.compile("(?:(?<=-D)|(?<![\\w\\[.-]))llmtest(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)+");

    /** Keys of report entries and printed lines, not settings. */
    private static final Set<String> REPORT_KEYS = Set.of(CallEntry.KEY, CallEntry.FAILED_KEY, SamplesEntry.KEY,
            BudgetEntry.KEY, DatasetEntry.KEY, Extraction.KEY, Transcript.KEY);

    @Test
    void theReferenceDocumentsEverySettingTheCodeReadsAndNoOther() throws IOException {
        Set<String> read = settingsTheCodeReads();
        Set<String> documented = namedIn(Files.readString(REFERENCE));

        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        Set<String> unread = new TreeSet<>(documented);
        unread.removeAll(read);
        assertSoftly(softly -> {
            softly.assertThat(undocumented).as("read by the code but not in %s", ROOT.relativize(REFERENCE)).isEmpty();
            softly.assertThat(unread).as("in %s but read nowhere in the code", ROOT.relativize(REFERENCE)).isEmpty();
        });
        assertThat(read).contains(SettingNames.MODE, SettingNames.REPORT_DIR, LlmDataset.LIMIT_PARAMETER,
                LlmServer.OLLAMA_URL_PROPERTY, WarmUp.PROPERTY, "llmtest.openai.url");
    }

    @Test
    void namesAreTakenFromProseAndTablesButNotFromPrintedLinePrefixes() {
        String page = "| `llmtest.mode` | the `[llmtest.call]` lines; `-Dllmtest.dataset.limit=5`, "
                + "`llmtest.ollama.connect-timeout`, and io.github.llmtest.internal is no setting";

        assertThat(namedIn(page)).containsExactly("llmtest.dataset.limit", "llmtest.mode",
                "llmtest.ollama.connect-timeout");
    }

    static Set<String> namedIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAMED.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The constants that name settings, each of the library's providers' URL parameter, and every other quoted name in the sources. */
    static Set<String> settingsTheCodeReads() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Field field : SettingNames.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = (String) get(field);
                if (value.startsWith("llmtest.")) {
                    names.add(value);
                }
            }
        }
        for (ProviderType type : ProviderTypes.all()) {
            // the library's providers, not those the tests register (a stand-in "echo" provider)
            if (type.getClass().getProtectionDomain().getCodeSource().getLocation()
                    .equals(ProviderTypes.class.getProtectionDomain().getCodeSource().getLocation())) {
                names.add(type.urlParameter());
            }
        }
        names.add(LlmDataset.LIMIT_PARAMETER);
        names.add(LlmDataset.FILTER_PARAMETER);
        names.add(LlmServer.OLLAMA_URL_PROPERTY);
        names.add(LlmServer.OPENAI_URL_PROPERTY);
        names.add(WarmUp.PROPERTY);
        try (Stream<Path> sources = Files.walk(ROOT.resolve("extension/src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                Matcher m = LITERAL.matcher(read(p));
                while (m.find()) {
                    names.add(m.group(1));
                }
            });
        }
        names.removeAll(REPORT_KEYS);
        return names;
    }

    private static Object get(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
