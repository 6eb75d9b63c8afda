package io.github.llmtest.internal.provider;

import io.github.llmtest.internal.Secrets;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A server's base URL that may carry credentials ({@code http://user:pw@proxy:11434}, a proxy with basic auth):
 * requests go to the URL without them and send them as HTTP basic auth, and every message shows the URL with the
 * password masked ({@code http://user:***@proxy:11434}). The password is registered with {@link Secrets} so that
 * no fixture or report is written with it. Not API.
 */
public final class BaseUrl {

    private final String plain;
    private final String display;
    private final String authorization;

    private BaseUrl(String plain, String display, String authorization) {
        this.plain = plain;
        this.display = display;
        this.authorization = authorization;
    }

    /**
     * Checks a base URL given as text, after its caller has trimmed it to the form it keeps.
     *
     * @param given    the text as given, for the message
     * @param url      the trimmed URL
     * @param examples URLs the message offers, such as {@code https://api.openai.com/v1 or http://127.0.0.1:8000/v1}
     * @return {@code url}
     * @throws IllegalArgumentException when it is not an http or https URL with a host
     */
    public static String requireHttp(String given, String url, String examples) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + given + "' is not an http or https URL such as " + examples);
        }
        return url;
    }

    /**
     * @param url a base URL, with or without {@code user:password@}
     * @return the parts
     */
    public static BaseUrl of(String url) {
        Objects.requireNonNull(url, "url");
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = url.indexOf('/', start);
        String authority = url.substring(start, end < 0 ? url.length() : end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return new BaseUrl(url, url, null);
        }
        String userInfo = authority.substring(0, at);
        String prefix = url.substring(0, start);
        String rest = url.substring(start + at + 1);
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        Secrets.register("the password in the server URL", password);
        String basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String shown = prefix + (colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***") + "@" + rest;
        return new BaseUrl(prefix + rest, shown, basic);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    /** @return the URL requests go to, without credentials */
    public String plain() {
        return plain;
    }

    /** @return the URL for messages, the password masked */
    public String display() {
        return display;
    }

    /** @return the {@code Authorization} header value for the credentials, or null when there are none */
    public String authorization() {
        return authorization;
    }

    /** @return {@link #display()} */
    @Override
    public String toString() {
        return display;
    }
}
