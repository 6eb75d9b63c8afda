package io.github.llmtest.internal.provider;

import okio.BufferedSource;

import java.io.IOException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The data of a server-sent event stream as a client reads it, one {@code data:} line at a time: the payloads of
 * OpenAI's and Anthropic's streamed answers. The first line that is not blank must be one an event stream can start
 * with; anything else (a proxy's sign-in page, another service's JSON) is not a stream that was cut short, and is
 * reported as such by the provider. Not API.
 */
public final class EventStreamData {

    /** A comment, or a field an event stream's line may start with. */
    private static final Pattern EVENT_LINE = Pattern.compile(":|(data|event|id|retry)(:|$)");

    private final BufferedSource source;
    private final Function<String, RuntimeException> notAStream;
    private boolean first = true;

    /**
     * @param source     the response body
     * @param notAStream the provider's failure for a body whose first line is given and is no event stream's
     */
    public EventStreamData(BufferedSource source, Function<String, RuntimeException> notAStream) {
        this.source = source;
        this.notAStream = notAStream;
    }

    /**
     * @return the next {@code data:} line's payload, stripped, or null at the end of the stream
     * @throws IOException when reading fails
     */
    public String next() throws IOException {
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (first && !line.isBlank()) {
                first = false;
                if (!EVENT_LINE.matcher(line).lookingAt()) {
                    throw notAStream.apply(line);
                }
            }
            if (line.startsWith("data:")) {
                return line.substring(5).strip();
            }
            // blank lines between events, comments, and the event:, id: and retry: fields
        }
        return null;
    }
}
