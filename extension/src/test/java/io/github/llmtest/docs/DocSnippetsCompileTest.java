package io.github.llmtest.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code ```java} block of the README and {@code docs/} compiles against the library as it is: fragments are
 * wrapped in a class (or a method of one) with the usual imports, and an error names the Markdown file and line.
 */
class DocSnippetsCompileTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void everyJavaSnippetOfTheDocumentationCompiles() throws IOException {
        List<DocSnippets.Snippet> snippets = new ArrayList<>();
        List<DocSnippets.Skipped> skipped = new ArrayList<>();
        for (Path file : DocSnippets.markdownFiles(ROOT)) {
            DocSnippets.Blocks blocks = DocSnippets.blocks(ROOT.relativize(file), Files.readString(file));
            snippets.addAll(blocks.compiled());
            skipped.addAll(blocks.skipped());
        }
        assertThat(snippets).as("the README's test and the guide's snippets are found")
                .anySatisfy(s -> assertThat(s.file()).isEqualTo(Path.of("README.md")))
                .anySatisfy(s -> assertThat(s.file().toString()).startsWith("docs"))
                .hasSizeGreaterThan(10);
        assertThat(skipped).as("a block left out says why").allSatisfy(s -> assertThat(s.reason()).isNotBlank())
                .hasSizeLessThanOrEqualTo(3);

        List<String> errors = DocSnippets.compile(snippets);

        assertThat(errors).as("compiler errors in documentation snippets:%s", DocSnippets.describe(errors)).isEmpty();
    }

    @Test
    void aBrokenSnippetIsReportedWithItsFileLineAndTheCompilersMessage() {
        String markdown = """
                # A page

                ```java
                LlmAnswer answer = llm.ask(PROMPT);
                assertThat(answer).boxedAnswer().isBoxedTwice();
                ```

                <!-- not compiled: needs something else -->
                ```java
                this is not Java
                ```

                ```java
                @Test
                void fine(Llm llm) {
                    assertThat(llm.ask(FIBONACCI)).finalNumber().isEqualByComparingTo("6765");
                }
                ```
                """;
        DocSnippets.Blocks blocks = DocSnippets.blocks(Path.of("docs/page.md"), markdown);

        assertThat(blocks.compiled()).extracting(DocSnippets.Snippet::line).containsExactly(3, 13);
        assertThat(blocks.skipped()).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("needs something else"))
                .satisfies(s -> assertThat(s.line()).isEqualTo(9));
        assertThat(DocSnippets.compile(blocks.compiled())).singleElement().asString()
                .startsWith(Path.of("docs/page.md") + ":5: ")
                .contains("cannot find symbol");
    }

    @Test
    void aWholeClassCompilesAsItIsImportsIncluded() {
        String markdown = """
                ```java
                import static io.github.llmtest.assertj.LlmAssertions.within;

                @LlmTest
                class SomeTest {
                    @Test
                    void close(Llm llm) {
                        assertThat(llm.ask(PROMPT)).finalNumber().isCloseTo(BigDecimal.TEN, within(BigDecimal.ONE));
                    }
                }
                ```
                """;
        List<String> errors = DocSnippets.compile(DocSnippets.blocks(Path.of("x.md"), markdown).compiled());

        assertThat(errors).singleElement().asString().startsWith("x.md:8: ").contains("PROMPT");
    }
}
