package io.github.llmtest.internal.server;

import io.github.llmtest.internal.call.WarmUp;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops llmtest's server when the outermost JUnit launcher session ends: the end of the run under Maven, Gradle
 * and IDEs; starts the background {@link WarmUp} when the first one opens. Registered through
 * {@code META-INF/services}; not API.
 */
public final class ServerSessions implements LauncherSessionListener {

    /** Called by the launcher through the service loader. */
    public ServerSessions() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        WarmUp.start();
        RecordingServer.sessionOpened();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RecordingServer.sessionClosed();
    }
}
