package io.github.llmtest.internal.ollama;

import java.util.Locale;

/**
 * Turns an {@code OLLAMA_HOST}-style value into a base URL, following the rules of the official Python client.
 *
 * <ul>
 *   <li>empty or absent: {@code http://127.0.0.1:11434}</li>
 *   <li>no scheme: {@code http}; no port: {@code 11434} ({@code 1.2.3.4} &rarr; {@code http://1.2.3.4:11434})</li>
 *   <li>a bare port ({@code :1234}) means {@code 127.0.0.1:1234}</li>
 *   <li>IPv6 addresses stay in brackets ({@code [::1]:1337} &rarr; {@code http://[::1]:1337})</li>
 *   <li>a path is kept, a trailing slash is dropped ({@code example.com/ollama/} &rarr;
 *       {@code http://example.com:11434/ollama})</li>
 * </ul>
 */
public final class OllamaHost {

    /** The address Ollama listens on by default. */
    public static final String DEFAULT_URL = "http://127.0.0.1:11434";

    /** The environment variable Ollama and its clients read. */
    public static final String ENV_VARIABLE = "OLLAMA_HOST";

    private static final int DEFAULT_PORT = 11434;

    private OllamaHost() {
    }

    /**
     * Resolves a host value to a base URL without a trailing slash.
     *
     * @param host a value such as {@code localhost}, {@code :1234}, {@code https://example.com/ollama}; {@code null}
     *             or blank gives {@link #DEFAULT_URL}
     * @return the base URL, for example {@code http://localhost:11434}
     * @throws IllegalArgumentException if the port is not a number between 1 and 65535
     */
    public static String resolve(String host) {
        String value = unquote(host);
        if (value.isEmpty()) {
            return DEFAULT_URL;
        }
        String scheme = "http";
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = value.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            value = value.substring(schemeEnd + 3);
        }
        int defaultPort = switch (scheme) {
            case "https" -> schemeEnd >= 0 ? 443 : DEFAULT_PORT;
            case "http" -> schemeEnd >= 0 ? 80 : DEFAULT_PORT;
            default -> throw new IllegalArgumentException(
                    "Unsupported scheme '" + scheme + "' in Ollama host '" + host + "': use http or https");
        };
        int slash = value.indexOf('/');
        String path = slash >= 0 ? value.substring(slash) : "";
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] hostAndPort = splitAuthority(slash >= 0 ? value.substring(0, slash) : value, host);
        String hostName = hostAndPort[0].isEmpty() ? "127.0.0.1" : hostAndPort[0];
        return scheme + "://" + hostName + ":" + port(hostAndPort[1], defaultPort, host) + path;
    }

    /** The value without surrounding spaces and quotes; empty for null. */
    private static String unquote(String host) {
        if (host == null) {
            return "";
        }
        String value = host.strip();
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value;
    }

    /** {host, port text or null}; IPv6 addresses keep their brackets. */
    private static String[] splitAuthority(String authority, String host) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed IPv6 bracket in Ollama host '" + host + "'");
            }
            String rest = authority.substring(close + 1);
            return new String[] {authority.substring(0, close + 1), rest.startsWith(":") ? rest.substring(1) : null};
        }
        int colon = authority.lastIndexOf(':');
        return colon >= 0 ? new String[] {authority.substring(0, colon), authority.substring(colon + 1)}
                : new String[] {authority, null};
    }

    private static int port(String portText, int defaultPort, String host) {
        if (portText == null || portText.isEmpty()) {
            return defaultPort;
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid port '" + portText + "' in Ollama host '" + host
                    + "': expected a number between 1 and 65535, for example 127.0.0.1:11434");
        }
        return port;
    }
}
