package io.github.llmtest.architecture.violations;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** An annotation that brings in an extension, as {@code @LlmTest} does. */
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Extension.class)
public @interface Annotated {
}
