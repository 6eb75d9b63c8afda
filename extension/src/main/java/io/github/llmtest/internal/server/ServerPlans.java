package io.github.llmtest.internal.server;

import io.github.llmtest.internal.SettingNames;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Starts llmtest's server when a test plan that holds {@code @LlmTest} tests starts, before any test class's
 * callbacks, so that its URLs ({@code llmtest.server.ollama-url}, {@code openai-url}) are system properties whatever
 * the order of a class's annotations and whichever class boots the application: Quarkus boots it in its own
 * {@code beforeAll}, for every {@code @QuarkusTest} class of a profile; Spring caches a context for later classes.
 * The plan's tests are found by the tag {@code @LlmTest} carries; a plan without one starts nothing. Registered
 * through {@code META-INF/services}; not API.
 */
public final class ServerPlans implements TestExecutionListener {

    private static final TestTag LLM = TestTag.create(SettingNames.LLM_TAG);

    /** Called by the launcher through the service loader. */
    public ServerPlans() {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (holdsLlmTests(plan)) {
            // the same start the first @LlmTest class made before, moved ahead of every class: no work is added
            RecordingServer.startAhead();
        }
    }

    static boolean holdsLlmTests(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                if (id.getTags().contains(LLM)) {
                    return true;
                }
            }
        }
        return false;
    }
}
