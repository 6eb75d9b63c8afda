package io.github.llmtest;

import java.util.List;

/**
 * A local server that speaks Ollama's API and the OpenAI-compatible API, for the LLM calls your application makes
 * through its own client (LangChain4j, Spring AI, Quarkus LangChain4j, plain HTTP). Point the client at it, and
 * each call is served like an {@link Llm} call: from the running test's fixture file in replay mode, from the real
 * server (recorded on the way) in record and auto mode, passed through in live mode.
 *
 * <pre>{@code
 * @LlmTest
 * class TutorServiceTest {
 *     @Test
 *     void explainsFibonacci(LlmServer server) {
 *         ChatModel model = OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4").build();
 *         String reply = new TutorService(model).solve("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");
 *
 *         assertThatText(reply).boxedAnswer().isEqualTo("6765");
 *         assertThat(server.calls()).singleElement()
 *                 .satisfies(call -> assertThat(call).respondedWithin(Duration.ofSeconds(20)));
 *     }
 * }
 * }</pre>
 *
 * <p>Frameworks that read their configuration before a test method runs can take the URLs from the system
 * properties {@value #OLLAMA_URL_PROPERTY}, {@value #OPENAI_URL_PROPERTY} and {@value #ANTHROPIC_URL_PROPERTY}, set
 * when a test plan with {@code @LlmTest} classes starts, before any test class's callbacks (an application booted by
 * a plain class that runs first, as Quarkus and Spring's context cache do, has them too); with Spring:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void llm(DynamicPropertyRegistry registry) {
 *     registry.add("spring.ai.ollama.base-url", () -> System.getProperty(LlmServer.OLLAMA_URL_PROPERTY));
 * }
 * }</pre>
 *
 * <p>or {@code spring.ai.ollama.base-url=${llmtest.server.ollama-url}} in {@code application.properties}; with
 * Quarkus, {@code %test.quarkus.langchain4j.ollama.base-url=${llmtest.server.ollama-url}}. A test that asks for the
 * server while its Spring or Quarkus application's base URL setting points elsewhere fails, naming the setting.
 *
 * <p><b>Which test a call belongs to.</b> There is one server per run. {@link #ollamaUrl()} and {@link #openAiUrl()}
 * are the test's own URLs on it ({@code http://127.0.0.1:41873/t/<token>}): a call to them belongs to the test
 * that took this {@code LlmServer} (or, for one taken in {@code @BeforeAll} or a constructor, to the test of that
 * class running when it arrives), which records it in its own fixture file, so tests whose clients are built from
 * them may run in parallel ({@code junit.jupiter.execution.parallel.enabled}). A call to the plain URL of the
 * system properties, as from a client configured once for a whole Spring context, belongs to the test running when
 * it arrives; if several run at once it is refused (HTTP 409) and each of them fails saying why: run the classes
 * that use such a client alone, with {@code @Isolated} and {@code @Execution(ExecutionMode.SAME_THREAD)}.
 *
 * <p><b>Keys.</b> A call is matched by its content, not its order: the endpoint and the request body, without
 * what clients vary ({@code stream}, so one recording serves streamed and whole requests; {@code keep_alive},
 * {@code stream_options}, empty {@code stop} and {@code tools}, headers, keys). Fields that change from run to run,
 * such as a date in a system prompt, can be left out with {@link #ignoreFields(String...)}.
 *
 * <p><b>Replay misses.</b> A request with no recording in replay mode gets an HTTP 400 whose message says what is
 * missing and how to record it, and the test fails with the same message even if the application swallows the
 * error. So does a call the real server answered with an error while recording, unless the client's retry
 * succeeded.
 *
 * <p>Injected into test, lifecycle and constructor parameters of {@code @LlmTest} classes. Thread-safe.
 */
public sealed interface LlmServer permits DefaultLlmServer {

    /** The system property holding {@link #ollamaUrl()} while the server runs. */
    String OLLAMA_URL_PROPERTY = "llmtest.server.ollama-url";
    /** The system property holding {@link #openAiUrl()} while the server runs. */
    String OPENAI_URL_PROPERTY = "llmtest.server.openai-url";
    /** The system property holding {@link #anthropicUrl()} while the server runs. */
    String ANTHROPIC_URL_PROPERTY = "llmtest.server.anthropic-url";

    /**
     * @return the base URL to give an Ollama client, this test's own, such as
     *         {@code http://127.0.0.1:41873/t/5f0c2a9e41d7}; it serves
     *         {@code /api/chat}, {@code /api/generate}, {@code /api/embed}, {@code /api/tags}, {@code /api/show},
     *         {@code /api/version} and {@code /api/ps}
     */
    String ollamaUrl();

    /**
     * @return the base URL to give an OpenAI client, this test's own, such as
     *         {@code http://127.0.0.1:41873/t/5f0c2a9e41d7/v1}; it serves
     *         {@code /chat/completions} (streamed or not), {@code /embeddings} and {@code /models} below it.
     *         Clients that append {@code /v1} themselves (Spring AI) take {@link #ollamaUrl()}: the paths are the
     *         same
     */
    String openAiUrl();

    /**
     * The base URL to give a client of Anthropic's Messages API, such as {@code http://127.0.0.1:41873}; it serves
     * {@code /v1/messages} (streamed or not) below it.
     *
     * <pre>{@code
     * AnthropicClient client = AnthropicOkHttpClient.builder().baseUrl(server.anthropicUrl()).apiKey("app-key")
     *         .build();
     * ChatModel model = AnthropicChatModel.builder().baseUrl(server.anthropicUrl() + "/v1/")  // LangChain4j
     *         .apiKey("app-key").modelName("claude-sonnet-4-5").build();
     * }</pre>
     *
     * @return the base URL; LangChain4j's {@code AnthropicChatModel} takes it with {@code /v1/} appended
     */
    String anthropicUrl();

    /**
     * @return the chat and generate calls made through the server in this test so far, in order, with their
     *         latency (measured, or as recorded when replayed), for the assertions on {@link LlmAnswer}
     */
    List<LlmAnswer> calls();

    /**
     * Leaves request fields out of the key of the calls this test makes from now on, for values that change
     * from run to run. Each is a JSON pointer into the request body, {@code *} standing for any name or array
     * index; the recording shows the field's value as {@code "<ignored>"}.
     *
     * <pre>{@code
     * server.ignoreFields("/messages/0/content");   // a system prompt with today's date in it
     * server.ignoreFields("/metadata/*");            // every field of an object
     * }</pre>
     *
     * <p>For every test at once, set the configuration parameter {@value LlmTest#SERVER_IGNORE_FIELDS_PARAMETER}.
     *
     * @param jsonPointers such as {@code /messages/0/content} or {@code /options/seed}
     * @return this server
     * @throws IllegalArgumentException when one is not a JSON pointer
     */
    LlmServer ignoreFields(String... jsonPointers);
}
