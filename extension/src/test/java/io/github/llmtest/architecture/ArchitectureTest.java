package io.github.llmtest.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shape {@code docs/architecture.md} describes, checked on llmtest's own classes; each rule is also run on a
 * small code base with a deliberate violation ({@code io.github.llmtest.architecture.violations}), to show that it
 * fails and how its message reads.
 */
class ArchitectureTest {

    private static final Layering LLMTEST = new Layering("io.github.llmtest");
    private static final Layering VIOLATIONS = new Layering("io.github.llmtest.architecture.violations");
    private static JavaClasses main;
    private static JavaClasses violations;

    @BeforeAll
    static void importClasses() {
        // from the build's own output: scanning the class path for the package would read every jar on it
        main = new ClassFileImporter().importPath(Path.of("target/classes"));
        violations = new ClassFileImporter().importPath(Path.of(
                "target/test-classes/io/github/llmtest/architecture/violations"));
    }

    @Test
    @DisplayName("no package cycles, once imports of the public API's value types are set aside")
    void noPackageCycles() {
        LLMTEST.noPackageCycles().check(main);
        assertThatThrownBy(() -> VIOLATIONS.noPackageCycles().check(violations))
                .hasMessageContaining("Cycle detected");
    }

    @Test
    @DisplayName("no internal class imports an annotation that brings in the extension")
    void internalsDoNotImportTheExtensionsAnnotations() {
        LLMTEST.internalsDoNotImportTheExtensionsAnnotations().check(main);
        assertThatThrownBy(() -> VIOLATIONS.internalsDoNotImportTheExtensionsAnnotations().check(violations))
                .hasMessageContaining("violations.internal.fixture.UsesTheAnnotation")
                .hasMessageContaining("violations.Annotated");
    }

    @Test
    @DisplayName("providers are reached through their registered type only")
    void providersAreReachedThroughTheirTypeOnly() {
        LLMTEST.providersAreReachedThroughTheirTypeOnly().check(main);
        assertThatThrownBy(() -> VIOLATIONS.providersAreReachedThroughTheirTypeOnly().check(violations))
                .hasMessageContaining("violations.internal.call.NamesAProvider")
                .hasMessageContaining("violations.internal.openai.Client")
                .hasMessageContaining("violations.internal.call.NamesClaude")
                .hasMessageContaining("violations.internal.anthropic.Messages");
    }

    @Test
    @DisplayName("the public API is exactly the three packages")
    void publicApiIsThreePackages() {
        LLMTEST.publicApiIsThreePackages().check(main);
        assertThatThrownBy(() -> VIOLATIONS.publicApiIsThreePackages().check(violations))
                .hasMessageContaining("violations.extra.Leaked");
    }

    /**
     * Provider names are compared only in the provider packages. A string constant is inlined where it is used, so
     * no class file shows it: this rule reads the sources.
     */
    @Test
    @DisplayName("provider names appear only in the provider packages")
    void providerNamesAppearOnlyInProviderPackages() throws IOException {
        Path sources = Path.of("src/main/java/io/github/llmtest");
        assertThat(providerNamesOutsideProviders(sources)).isEmpty();
        assertThat(providerNamesOutsideProviders(Path.of(
                "src/test/java/io/github/llmtest/architecture/violations")))
                .containsExactly("internal/call/NamesAProvider.java: \"openai\"",
                        "internal/call/NamesClaude.java: \"anthropic\"");
    }

    private static final Pattern PROVIDER_NAME = Pattern.compile("\"(openai|ollama|anthropic)\"");

    static List<String> providerNamesOutsideProviders(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !isProviderPackage(root.relativize(f).toString().replace('\\', '/')))
                    .flatMap(f -> {
                        try {
                            String text = Files.readString(f, StandardCharsets.UTF_8);
                            String name = root.relativize(f).toString().replace('\\', '/');
                            return PROVIDER_NAME.matcher(text).results().map(m -> name + ": " + m.group());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).sorted().toList();
        }
    }

    private static boolean isProviderPackage(String relative) {
        return relative.startsWith("internal/ollama/") || relative.startsWith("internal/openai/")
                || relative.startsWith("internal/anthropic/")
                || relative.startsWith("internal/provider/");
    }
}
