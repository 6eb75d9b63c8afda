package io.github.llmtest.internal.provider;

/**
 * A redirect to another host that was not followed because the request carried credentials: following it would
 * have sent the key (or the application's {@code Authorization} or {@code api-key} header) to that host.
 */
public final class RedirectRefused extends ProviderException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message names both hosts and the remedy
     * @param url     the URL that was called
     * @param status  the redirect's status
     */
    RedirectRefused(String message, String url, int status) {
        super(Kind.REDIRECT_REFUSED, message, url, status, null, null);
    }

    /** @return false: a server answered, and another base URL is the remedy */
    @Override
    public boolean modelUnavailable() {
        return false;
    }
}
