package io.github.llmtest.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering rules of {@code docs/architecture.md}, for a code base rooted at a package: llmtest's own
 * ({@code io.github.llmtest}) and, to prove that each rule can fail, a small one with deliberate violations.
 */
final class Layering {

    private final String root;

    Layering(String root) {
        this.root = root;
    }

    /** The packages users may depend on. */
    private String[] apiPackages() {
        return new String[] {root, root + ".answer", root + ".assertj"};
    }

    /**
     * The public API's value types, whose imports are set aside when looking for cycles: every public type of the
     * root package that is not an annotation (an annotation brings in an extension through {@code @ExtendWith}).
     */
    private DescribedPredicate<JavaClass> apiValueType() {
        return DescribedPredicate.describe("a value type of the public API", c -> c.getPackageName().equals(root)
                && c.getModifiers().contains(JavaModifier.PUBLIC) && !c.isAnnotation());
    }

    /** No cycle between packages once imports of the public API's value types are set aside. */
    ArchRule noPackageCycles() {
        return slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        return javaClass.getPackageName().startsWith(root)
                                ? SliceIdentifier.of(javaClass.getPackageName()) : SliceIdentifier.ignore();
                    }

                    @Override
                    public String getDescription() {
                        return "the packages under " + root;
                    }
                }).should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), apiValueType());
    }

    /** The layers below the extension (everything internal) never import an annotation that brings it in. */
    ArchRule internalsDoNotImportTheExtensionsAnnotations() {
        return noClasses().that().resideInAPackage(root + ".internal..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are annotations that bring in an extension "
                        + "(@ExtendWith on them or on their annotations)", c -> c.isAnnotation()
                        && c.isMetaAnnotatedWith(ExtendWith.class) || c.isAnnotatedWith(ExtendWith.class)))
                .because("the extension sits on top: fixtures, providers, answers and math know nothing of it");
    }

    /**
     * Providers are reached through their registered type only: no class outside a provider's package names one of
     * its classes, so that a new provider is one package and one registration. The one exception is the condition
     * of {@code @EnabledIfOllamaAvailable}, which is about Ollama by definition.
     */
    ArchRule providersAreReachedThroughTheirTypeOnly() {
        return noClasses().that().resideOutsideOfPackages(root + ".internal.ollama..", root + ".internal.openai..",
                        root + ".internal.anthropic..")
                .and().doNotHaveFullyQualifiedName(root + ".OllamaAvailableCondition")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".internal.ollama..",
                        root + ".internal.openai..", root + ".internal.anthropic..")
                .because("ProviderTypes finds providers through META-INF/services; nothing else names them");
    }

    /** The public API is exactly three packages; everything else public lives under {@code internal}. */
    ArchRule publicApiIsThreePackages() {
        return classes().that().arePublic().and().resideOutsideOfPackage(root + ".internal..")
                .should().resideInAnyPackage(apiPackages())
                .because("users may depend on " + String.join(", ", apiPackages()) + " and nothing else");
    }

    /** A dependency, described as ArchUnit does, for messages. */
    static String describe(Dependency dependency) {
        return dependency.getDescription();
    }
}
