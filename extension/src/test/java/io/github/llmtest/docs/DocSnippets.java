package io.github.llmtest.docs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The {@code ```java} blocks of Markdown files, wrapped where they are fragments and compiled in memory against the
 * test class path. A block preceded by {@code <!-- not compiled: reason -->} is left out.
 */
final class DocSnippets {

    static final String SKIP_MARKER = "<!-- not compiled:";

    private static final List<String> IMPORTS = List.of(
            "import io.github.llmtest.*;",
            "import io.github.llmtest.answer.*;",
            "import io.github.llmtest.assertj.*;",
            "import static io.github.llmtest.assertj.LlmAssertions.*;",
            "import org.junit.jupiter.api.*;",
            "import java.math.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import io.github.llmtest.docs.SnippetContext;");

    /** A type declared at the left margin: the snippet is a compilation unit. */
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public |abstract |final )*(?:class|interface|record|enum|@interface) \\w+", Pattern.MULTILINE);
    /** An annotation, or a method or field declaration, at the left margin: the snippet is a class body. */
    private static final Pattern MEMBER = Pattern.compile(
            "^(?:@\\w+|(?:(?:public|protected|private|static|final|abstract) )*[\\w<>\\[\\],.? ]+ \\w+\\s*\\(.*\\)\\s*"
                    + "(?:throws [\\w., ]+)?\\{)", Pattern.MULTILINE);

    private DocSnippets() {
    }

    /** One block: where it is and its code. */
    record Snippet(Path file, int line, String code) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** One block left out, with the reason its marker gives. */
    record Skipped(Path file, int line, String reason) {
    }

    /** The blocks of a file that are compiled, and those marked not to be. */
    record Blocks(List<Snippet> compiled, List<Skipped> skipped) {
    }

    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static Blocks blocks(Path file, String markdown) {
        List<Snippet> compiled = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```java")) {
                continue;
            }
            int start = i;
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.length && !lines[i].strip().equals("```"); i++) {
                code.append(lines[i]).append('\n');
            }
            int before = start - 1;
            while (before >= 0 && lines[before].isBlank()) {
                before--;
            }
            if (before >= 0 && lines[before].strip().startsWith(SKIP_MARKER)) {
                String reason = lines[before].strip().substring(SKIP_MARKER.length()).replace("-->", "").strip();
                skipped.add(new Skipped(file, start + 1, reason));
            } else {
                compiled.add(new Snippet(file, start + 1, code.toString()));
            }
        }
        return new Blocks(compiled, skipped);
    }

    /**
     * Compiles every snippet in one compiler run, each in a package of its own.
     *
     * @return one message per error: the Markdown file, the line in it, and the compiler's message
     */
    static List<String> compile(List<Snippet> snippets) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            sources.add(Source.of(snippets.get(i), "docsnippet.s" + i));
        }
        List<String> options = List.of("-proc:none", "-Xlint:none", "-implicit:none", "-classpath",
                System.getProperty("java.class.path"));
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null);
             JavaFileManager discarding = new Discarding(standard)) {
            compiler.getTask(null, discarding, diagnostics, options, null, sources).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            String where = d.getSource() instanceof Source s ? s.where(d.getLineNumber()) : String.valueOf(d.getSource());
            errors.add(where + ": " + d.getMessage(Locale.ROOT));
        }
        return errors;
    }

    /** A snippet as a compilation unit; the lines before its code are counted to map errors back. */
    private static final class Source extends SimpleJavaFileObject {
        private final Snippet snippet;
        private final String text;
        private final int headerLines;

        private Source(String packageName, Snippet snippet, String text, int headerLines) {
            super(URI.create("string:///" + packageName.replace('.', '/') + "/Snippet.java"), Kind.SOURCE);
            this.snippet = snippet;
            this.text = text;
            this.headerLines = headerLines;
        }

        static Source of(Snippet snippet, String packageName) {
            List<String> header = new ArrayList<>();
            header.add("package " + packageName + ";");
            header.addAll(IMPORTS);
            String code = snippet.code();
            String footer = "";
            if (!TYPE.matcher(code).find()) {
                // imports of a fragment go to the top; their lines stay, blank, so line numbers still match
                List<String> lines = new ArrayList<>(Arrays.asList(code.split("\n", -1)));
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("import ")) {
                        header.add(lines.get(i));
                        lines.set(i, "");
                    }
                }
                code = String.join("\n", lines);
                if (MEMBER.matcher(code).find()) {
                    header.add("class Snippet extends SnippetContext {");
                    footer = "}";
                } else {
                    header.add("class Snippet extends SnippetContext { void snippet() throws Exception {");
                    footer = "}}";
                }
            }
            String text = String.join("\n", header) + "\n" + code + "\n" + footer + "\n";
            return new Source(packageName, snippet, text, header.size());
        }

        String where(long line) {
            long inSnippet = line - headerLines;
            return snippet.file() + ":" + (snippet.line() + Math.max(inSnippet, 0));
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    /** Class files go nowhere: only the diagnostics matter. */
    private static final class Discarding extends ForwardingJavaFileManager<JavaFileManager> {
        Discarding(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public OutputStream openOutputStream() {
                    return OutputStream.nullOutputStream();
                }
            };
        }
    }

    static String describe(List<? extends Object> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
