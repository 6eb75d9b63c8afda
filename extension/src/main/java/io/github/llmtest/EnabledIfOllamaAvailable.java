package io.github.llmtest;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test or class only when Ollama answers at the configured address and has the model pulled;
 * otherwise the test is skipped with a reason such as "Ollama is not running at http://127.0.0.1:11434 (start it
 * with `ollama serve`)". Use it on tests that must run live, such as performance checks.
 *
 * <pre>{@code
 * @LlmTest(mode = LlmMode.LIVE)
 * @EnabledIfOllamaAvailable
 * class LivePhi4Test { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(OllamaAvailableCondition.class)
public @interface EnabledIfOllamaAvailable {

    /**
     * The model that must be pulled; empty means the model the test would use.
     *
     * @return the model name or empty
     */
    String model() default "";
}
