package io.github.llmtest.internal.provider;

import io.github.llmtest.Format;
import io.github.llmtest.Message;
import io.github.llmtest.Options;
import io.github.llmtest.Tool;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider is asked, in the library's own terms: the model and everything that shapes its answer. Each
 * {@link Provider} turns it into its wire format.
 *
 * @param model    the model name as the provider knows it (without a provider prefix)
 * @param messages the messages, a system prompt first when there is one
 * @param options  the options that are set
 * @param format   the output format, or null
 * @param explicit the names of the options the test set itself, rather than taking llmtest's defaults
 * @param tools    the tools the model may call
 */
public record ChatCall(String model, List<Message> messages, Options options, Format format, Set<String> explicit,
                       List<Tool> tools) {

    /**
     * Checks the parts.
     *
     * @param model    the model
     * @param messages the messages
     * @param options  the options
     * @param format   the format or null
     * @param explicit the options the test set
     * @param tools    the tools
     */
    public ChatCall {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        Objects.requireNonNull(options, "options");
        explicit = Set.copyOf(explicit);
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    /**
     * A call without tools.
     *
     * @param model    the model
     * @param messages the messages
     * @param options  the options
     * @param format   the format or null
     * @param explicit the options the test set
     */
    public ChatCall(String model, List<Message> messages, Options options, Format format, Set<String> explicit) {
        this(model, messages, options, format, explicit, List.of());
    }

    /**
     * A call whose options are all the test's own.
     *
     * @param model    the model
     * @param messages the messages
     * @param options  the options
     * @param format   the format or null
     */
    public ChatCall(String model, List<Message> messages, Options options, Format format) {
        this(model, messages, options, format, options.asMap().keySet(), List.of());
    }
}
