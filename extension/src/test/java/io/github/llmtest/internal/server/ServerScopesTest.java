package io.github.llmtest.internal.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls to a test's own URL path are attributed to that test, whatever else runs. */
class ServerScopesTest {

    @Test
    void theTokenIsTakenOffThePathAndThePlainPathIsLeftAlone() {
        assertThat(ServerScopes.tokenOf("/t/abc123/api/chat")).isEqualTo("abc123");
        assertThat(ServerScopes.withoutToken("/t/abc123/api/chat")).isEqualTo("/api/chat");
        assertThat(ServerScopes.withoutToken("/t/abc123/v1/chat/completions")).isEqualTo("/v1/chat/completions");
        assertThat(ServerScopes.withoutToken("/t/abc123")).isEqualTo("/");
        assertThat(ServerScopes.tokenOf("/api/chat")).isNull();
        assertThat(ServerScopes.withoutToken("/api/chat")).isEqualTo("/api/chat");
    }

    @Test
    void aCallToATestsUrlIsItsWhileOtherTestsRunAndACallToThePlainUrlIsNobodys() {
        ServerScopes scopes = new ServerScopes();
        scopes.enter("[class:A]", List.of("[engine]"), "A", () -> null);
        scopes.enter("[class:A]/[method:one]", List.of("[class:A]", "[engine]"), "A#one", () -> null);
        scopes.enter("[class:B]", List.of("[engine]"), "B", () -> null);
        scopes.enter("[class:B]/[method:two]", List.of("[class:B]", "[engine]"), "B#two", () -> null);

        String one = scopes.token("[class:A]/[method:one]");
        String classB = scopes.token("[class:B]");

        assertThat(scopes.token("[class:A]/[method:one]")).as("the same while it runs").isEqualTo(one);
        assertThat(scopes.current(one).running()).containsExactly("A#one");
        assertThat(scopes.current(classB).running()).as("the class's running test").containsExactly("B#two");
        assertThat(scopes.current(null).running()).containsExactly("A#one", "B#two");
        assertThat(scopes.current(null).owner()).isNull();

        scopes.leave("[class:A]/[method:one]");

        assertThat(scopes.current(one).ended()).as("the URL of a test that ended").isTrue();
        assertThat(scopes.current("unknown").ended()).isTrue();
    }
}
