import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Checks a Central Portal bundle before it is uploaded, so that a release cannot fail at upload time for a missing
 * piece: every file Central checks is there with its checksums (and signatures when the build had a key), and every
 * POM has the elements Central requires. Run with Java 17 (no build needed):
 *
 * <pre>
 *   java .ci/check-bundle.java target/central-bundle            # what mvn -B -Prelease verify staged
 *   java .ci/check-bundle.java --release target/central-publishing/central-bundle.zip
 * </pre>
 *
 * Signatures are required with {@code --release}, when {@code MAVEN_GPG_KEY} is set (the build signed), or when any
 * file of the bundle is signed (then all must be). {@code --release} also refuses a -SNAPSHOT version, which Central
 * does not accept in a bundle. Every problem is printed on its own line, naming the file or element and the remedy;
 * the exit status is 1 if there was any.
 */
class CheckBundle {

    /** What llmtest publishes: groupId:artifactId and its packaging. The examples are never published. */
    static final Map<String, String> PUBLISHED = Map.of(
            "io.github.llmtest:llmtest-parent", "pom",
            "io.github.llmtest:llmtest-junit", "jar");
    static final List<String> NOT_PUBLISHED = List.of("llmtest-examples");

    /** Elements Central requires in every POM, own or inherited from the parent in the bundle. */
    static final List<String> REQUIRED = List.of("url", "licenses/license/name", "licenses/license/url",
            "developers/developer/name", "scm/url", "scm/connection");

    /** Elements every published module must state itself (inherited ones would describe the parent). */
    static final List<String> OWN = List.of("name", "description");

    final List<String> problems = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        boolean release = List.of(args).contains("--release");
        List<String> paths = Stream.of(args).filter(a -> !a.startsWith("--")).toList();
        if (paths.size() != 1) {
            System.err.println("usage: java .ci/check-bundle.java [--release] <bundle directory or .zip>");
            System.exit(2);
        }
        Path bundle = Path.of(paths.get(0));
        if (!Files.exists(bundle)) {
            System.err.println("bundle check: " + bundle + " does not exist: build it with mvn -B -Prelease verify");
            System.exit(1);
        }
        String key = System.getenv("MAVEN_GPG_KEY");
        boolean keyPresent = key != null && !key.isBlank();
        CheckBundle check = new CheckBundle();
        boolean signed = check.check(bundle.toString().endsWith(".zip") ? unzip(bundle) : bundle, release, keyPresent);
        if (!check.problems.isEmpty()) {
            System.err.println("bundle check: " + bundle + " would fail at Central:");
            check.problems.forEach(p -> System.err.println("  - " + p));
            System.exit(1);
        }
        System.out.println("bundle check: " + bundle + " has every file and POM element Central checks"
                + (signed ? ", each signed" : " (unsigned: no MAVEN_GPG_KEY, so no signature was required)"));
    }

    /** Records every problem of the bundle at {@code root}; returns whether signatures were required. */
    boolean check(Path root, boolean release, boolean keyPresent) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        boolean anySigned = files.stream().anyMatch(f -> f.toString().endsWith(".asc"));
        boolean signed = release || keyPresent || anySigned;

        // groupId:artifactId -> version directory (group/path/artifactId/version/)
        Map<String, Path> components = new TreeMap<>();
        for (Path pom : files) {
            String name = pom.getFileName().toString();
            if (!name.endsWith(".pom")) {
                continue;
            }
            Path versionDir = pom.getParent();
            String version = versionDir.getFileName().toString();
            String artifactId = versionDir.getParent().getFileName().toString();
            String group = root.relativize(versionDir.getParent().getParent()).toString().replace('/', '.');
            if (NOT_PUBLISHED.contains(artifactId)) {
                problems.add(root.relativize(pom) + ": " + artifactId + " is not published; its module sets"
                        + " central.bundle.skip and the central plugin's excludeArtifacts lists it");
                continue;
            }
            if (!name.equals(artifactId + "-" + version + ".pom")) {
                problems.add(root.relativize(pom) + ": a POM must be named " + artifactId + "-" + version + ".pom");
                continue;
            }
            components.put(group + ":" + artifactId, versionDir);
        }
        for (String expected : PUBLISHED.keySet()) {
            if (!components.containsKey(expected)) {
                problems.add(expected + ": missing from the bundle (no POM at " + expected.replace('.', '/')
                        .replace(':', '/') + "/<version>/); run mvn -B -Prelease verify from the root");
            }
        }
        if (components.values().stream().map(d -> d.getFileName().toString()).distinct().count() > 1) {
            problems.add("the bundle holds more than one version: " + components.values().stream()
                    .map(root::relativize).toList() + "; rebuild with mvn -B clean -Prelease verify");
        }

        Map<String, Document> poms = new TreeMap<>();
        for (var component : components.entrySet()) {
            Path dir = component.getValue();
            String artifactId = dir.getParent().getFileName().toString();
            String version = dir.getFileName().toString();
            String base = artifactId + "-" + version;
            Document pom = parse(dir.resolve(base + ".pom"));
            poms.put(component.getKey(), pom);

            String packaging = text(pom, "packaging").orElse("jar");
            String expectedPackaging = PUBLISHED.get(component.getKey());
            if (expectedPackaging != null && !expectedPackaging.equals(packaging)) {
                problems.add(base + ".pom: packaging " + packaging + ", expected " + expectedPackaging);
            }
            List<String> required = new ArrayList<>(List.of(base + ".pom"));
            if (!packaging.equals("pom")) {
                required.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar"));
            }
            for (String file : required) {
                checkFile(root, dir.resolve(file), signed);
            }
            if (!packaging.equals("pom")) {
                checkJarHolds(dir.resolve(base + "-sources.jar"), ".java", "the sources jar holds no .java file");
                checkJarHolds(dir.resolve(base + "-javadoc.jar"), "index.html", "the Javadoc jar holds no index.html");
            }
            if (release && version.endsWith("-SNAPSHOT")) {
                problems.add(base + ": a release cannot be a -SNAPSHOT version; set the release version first");
            }
        }

        for (var entry : poms.entrySet()) {
            Document pom = entry.getValue();
            String where = entry.getKey() + " (POM)";
            Optional<Document> parent = text(pom, "parent/artifactId")
                    .map(a -> poms.get(text(pom, "parent/groupId").orElse("") + ":" + a));
            if (text(pom, "groupId").or(() -> text(pom, "parent/groupId")).isEmpty()) {
                problems.add(where + ": no <groupId> (nor a parent's)");
            }
            if (text(pom, "version").or(() -> text(pom, "parent/version")).isEmpty()) {
                problems.add(where + ": no <version> (nor a parent's)");
            }
            if (text(pom, "parent/artifactId").isPresent() && parent.isEmpty()) {
                problems.add(where + ": its parent " + text(pom, "parent/artifactId").get()
                        + " is not in the bundle; Central needs the parent POM published too");
            }
            for (String element : OWN) {
                if (text(pom, element).isEmpty()) {
                    problems.add(where + ": no <" + element + ">: every published module states its own");
                }
            }
            for (String element : REQUIRED) {
                if (text(pom, element).isEmpty() && parent.flatMap(p -> text(p, element)).isEmpty()) {
                    problems.add(where + ": no <" + element.replace("/", "><") + "> (nor in its parent);"
                            + " Central requires it");
                }
            }
        }
        return signed;
    }

    /** The file, its .md5 and .sha1 matching its content, and its .asc when the bundle is signed. */
    void checkFile(Path root, Path file, boolean signed) throws Exception {
        String name = root.relativize(file).toString();
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": missing (Central requires it)");
            return;
        }
        byte[] content = Files.readAllBytes(file);
        checkDigest(name, file.resolveSibling(file.getFileName() + ".md5"), "MD5", content);
        checkDigest(name, file.resolveSibling(file.getFileName() + ".sha1"), "SHA-1", content);
        Path asc = file.resolveSibling(file.getFileName() + ".asc");
        if (signed && !Files.isRegularFile(asc)) {
            problems.add(name + ".asc: missing signature (the build signs when MAVEN_GPG_KEY holds the secret key)");
        } else if (Files.isRegularFile(asc)
                && !Files.readString(asc).startsWith("-----BEGIN PGP SIGNATURE-----")) {
            problems.add(name + ".asc: not an ASCII-armored PGP signature");
        }
    }

    void checkDigest(String name, Path sum, String algorithm, byte[] content) throws Exception {
        String ext = sum.getFileName().toString().substring(sum.getFileName().toString().lastIndexOf('.'));
        if (!Files.isRegularFile(sum)) {
            problems.add(name + ext + ": missing checksum (Central requires .md5 and .sha1 for every file)");
            return;
        }
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        String found = Files.readString(sum).strip().split("\\s+")[0].toLowerCase();
        if (!expected.equals(found)) {
            problems.add(name + ext + ": does not match the file (" + found + ", the file's is " + expected + ")");
        }
    }

    void checkJarHolds(Path jar, String suffix, String problem) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return; // reported as missing
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (zip.stream().noneMatch(e -> e.getName().endsWith(suffix))) {
                problems.add(jar.getFileName() + ": " + problem);
            }
        }
    }

    static Document parse(Path pom) throws Exception {
        try (InputStream in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    /** The non-blank text at a path of child elements under {@code <project>}, e.g. "scm/url". */
    static Optional<String> text(Document pom, String path) {
        Element current = pom.getDocumentElement();
        for (String step : path.split("/")) {
            Element next = null;
            for (Node n = current.getFirstChild(); n != null && next == null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(step)) {
                    next = e;
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        String text = current.getTextContent().strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static Path unzip(Path zip) throws IOException {
        Path dir = Files.createTempDirectory("central-bundle");
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (var entry : file.stream().filter(e -> !e.isDirectory()).toList()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException(zip + ": entry " + entry.getName() + " points outside the bundle");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        return dir;
    }
}
