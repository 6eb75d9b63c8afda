package io.github.llmtest.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The secrets llmtest knows of (API keys, passwords in server URLs, the credentials applications send to
 * {@code LlmServer}) and the check run before any fixture or report is written: a file that holds a secret's value,
 * or an {@code Authorization} header with credentials, is not written. Not API.
 */
public final class Secrets {

    /** Shorter values are not checked for: they would match ordinary text. */
    private static final int MIN_LENGTH = 6;
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)\\bauthorization\\b[\"']?\\s*[:=]\\s*[\"']?(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();
    /** Different credential values from applications kept in mind at most: each costs a search of every file. */
    public static final int MAX_HEADER_VALUES = 1024;
    private static final AtomicInteger HEADER_VALUES = new AtomicInteger();

    static {
        for (String variable : new String[] {"OLLAMA_API_KEY", "OPENAI_API_KEY"}) {
            register(variable, System.getenv(variable));
        }
    }

    private Secrets() {
    }

    /**
     * Remembers a secret to keep out of files.
     *
     * @param name  what it is, for messages, such as {@code OPENAI_API_KEY}
     * @param value its value; blank or short values are ignored
     */
    public static void register(String name, String value) {
        if (value != null && value.strip().length() >= MIN_LENGTH) {
            KNOWN.put(value.strip(), name);
        }
    }

    /**
     * Whether the word appears in any case: a plain scan that spares the header's pattern the texts (almost all)
     * without it, so a large report is checked at the speed of reading it.
     */
    private static boolean mentionsAuthorization(String content) {
        String word = "authorization";
        int z = word.indexOf('z'); // a rare letter: few places to compare
        for (char pivot : new char[] {'z', 'Z'}) {
            for (int i = content.indexOf(pivot, z); i >= 0; i = content.indexOf(pivot, i + 1)) {
                if (content.regionMatches(true, i - z, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Remembers the credentials in a header an application sent, so that an application that also puts them into a
     * request body (or a test into a prompt) cannot get them into a file: the whole value, the credentials after an
     * authentication scheme ({@code Bearer <token>}), and for {@code Basic} the decoded {@code user:password} and the
     * password.
     *
     * @param header the header's name, such as {@code Authorization}
     * @param value  its value
     * @return false when the value is new and {@link #MAX_HEADER_VALUES} are kept already (it is not kept)
     */
    public static boolean registerHeader(String header, String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return true;
        }
        String whole = value.strip();
        List<String> values = new ArrayList<>(List.of(whole));
        int space = whole.indexOf(' ');
        if (space > 0) {
            String credentials = whole.substring(space + 1).strip();
            values.add(credentials);
            if (whole.substring(0, space).equalsIgnoreCase("basic")) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                    values.add(decoded);
                    values.add(decoded.substring(decoded.indexOf(':') + 1));
                } catch (IllegalArgumentException e) {
                    // not base64: the value as it came is what could leak
                }
            }
        }
        if (KNOWN.containsKey(whole)) {
            return true;
        }
        if (HEADER_VALUES.incrementAndGet() > MAX_HEADER_VALUES) {
            HEADER_VALUES.decrementAndGet();
            return false;
        }
        String name = "the " + header + " header an application sent to LlmServer";
        values.stream().map(String::strip).filter(v -> v.length() >= MIN_LENGTH)
                .forEach(v -> KNOWN.putIfAbsent(v, name));
        return true;
    }

    /**
     * @param content what is about to be written
     * @return the names of the secrets it holds ("OPENAI_API_KEY", "an Authorization header"), empty when none
     */
    public static List<String> found(String content) {
        List<String> names = new ArrayList<>();
        KNOWN.forEach((value, name) -> {
            if (content.contains(value) && !names.contains(name)) {
                names.add(name);
            }
        });
        if (mentionsAuthorization(content) && AUTHORIZATION.matcher(content).find()) {
            names.add("an Authorization header with credentials");
        }
        return names;
    }
}
