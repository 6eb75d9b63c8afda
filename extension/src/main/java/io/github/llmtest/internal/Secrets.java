package io.github.llmtest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The secrets llmtest knows of (API keys, passwords in server URLs) and the check run before any fixture or report
 * is written: a file that holds a secret's value, or an {@code Authorization} header with credentials, is not
 * written. Not API.
 */
public final class Secrets {

    /** Shorter values are not checked for: they would match ordinary text. */
    private static final int MIN_LENGTH = 6;
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)\\bauthorization\\b[\"']?\\s*[:=]\\s*[\"']?(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}");
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

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
