package io.github.llmtest;

import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.report.CallEntry;
import io.github.llmtest.internal.server.ServerRequests;
import io.github.llmtest.internal.server.ServerScope;

import java.util.List;

/** A test's {@link CallSite} as the server sees it: where the calls it attributes to the test go. */
final class ServerSite implements ServerScope {

    private final CallSite site;

    ServerSite(CallSite site) {
        this.site = site;
    }

    @Override
    public String testId() {
        return site.testId;
    }

    @Override
    public LlmMode mode() {
        return site.settings.mode();
    }

    @Override
    public Provider provider(String provider) {
        return site.live.provider(site.settings, isOpenAi(provider));
    }

    @Override
    public String upstreamUrl(String provider) {
        return (isOpenAi(provider) ? site.settings.openAiUrl() : site.settings.baseUrl()).display();
    }

    @Override
    public FixtureFile fixtureFile() {
        return site.fixtures.file(site.fixturePath, site.testId, site.settings.mode() == LlmMode.RECORD);
    }

    @Override
    public int nextOccurrence(String baseKey) {
        return site.nextOccurrence(baseKey);
    }

    @Override
    public void releaseOccurrence(String baseKey) {
        site.releaseOccurrence(baseKey);
    }

    @Override
    public Integer sample() {
        return site.sample();
    }

    @Override
    public List<String> ignoredFields() {
        return List.copyOf(site.ignoredFields);
    }

    @Override
    public void served(String baseKey, Interaction interaction, boolean replayed) {
        site.serverCallServed(baseKey);
        if (interaction.body() != null) {
            return; // embeddings: recorded, but not an answer to assert on
        }
        boolean openAi = "openai".equals(interaction.request().path("provider").asText());
        ModelName name = ModelName.parse((openAi ? "openai:" : "") + interaction.model());
        LlmAnswer answer = DefaultLlm.answer(name, interaction, ServerRequests.prompt(interaction.request()), replayed);
        CallEntry.Previous previous = replayed || mode() == LlmMode.LIVE ? null
                : DefaultLlm.previous(fixtureFile(), interaction);
        site.addServerCall(new LlmCall(site.nextCallIndex(), answer, interaction.key(), true, site.sample(),
                interaction.request(), previous, interaction.answeredBy()));
        if (!replayed) {
            DefaultLlm.logLiveCall(answer, site.testId);
            DefaultLlm.warnIfAnsweredByOther(site, name.written(), interaction.answeredBy());
        }
    }

    @Override
    public void failed(String baseKey, RuntimeException problem) {
        site.serverProblem(baseKey, problem);
    }

    @Override
    public String recordCommand(String provider) {
        return (isOpenAi(provider) ? "OPENAI_API_KEY=… " : "") + site.recordCommand;
    }

    private static boolean isOpenAi(String provider) {
        return "openai".equals(provider);
    }
}
