package io.github.llmtest.internal.provider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The {@code User-Agent} every client of the library sends: {@code llmtest/<version>}. */
public final class UserAgent {

    /** For example {@code llmtest/0.1.0-SNAPSHOT}; {@code llmtest/dev} when run from an IDE without filtering. */
    public static final String VALUE = "llmtest/" + readVersion();

    private UserAgent() {
    }

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/io/github/llmtest/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
