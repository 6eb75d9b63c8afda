package io.github.llmtest.internal.provider;

import okhttp3.Response;

import java.io.IOException;

/**
 * A provider's failure messages: every way a call can fail turned into the provider's {@link ProviderException},
 * naming the URL, the cause and the remedy. The transport sees them through {@link #forModel}.
 */
public abstract class ProviderFailures {

    /**
     * @param failure what went wrong on the wire
     * @param cause   the exception
     * @param url     the URL called
     * @param partial the text read before, or null
     * @return the provider's exception
     */
    public abstract ProviderException io(HttpTransport.IoFailure failure, IOException cause, String url,
                                         String partial);

    /**
     * @param response an unsuccessful response that is not retried (any more)
     * @param url      the URL called
     * @param model    the model the call was about, or null
     * @param tries    how many tries were made
     * @return the provider's exception
     * @throws IOException when the body cannot be read
     */
    public abstract ProviderException httpError(Response response, String url, String model, int tries)
            throws IOException;

    /**
     * @param url the URL that was to be called
     * @return the exception for a call that waited longer than the call timeout for a free slot
     */
    public abstract ProviderException noFreeSlot(String url);

    /**
     * @param model the model a call is about, or null
     * @return the transport's view of these messages for that call
     */
    public final HttpTransport.Failures forModel(String model) {
        return new HttpTransport.Failures() {
            @Override
            public RuntimeException io(HttpTransport.IoFailure failure, IOException cause, String url,
                                       String partial) {
                return ProviderFailures.this.io(failure, cause, url, partial);
            }

            @Override
            public RuntimeException status(Response response, String url, int tries) throws IOException {
                return httpError(response, url, model, tries);
            }

            @Override
            public RuntimeException noFreeSlot(String url) {
                return ProviderFailures.this.noFreeSlot(url);
            }
        };
    }
}
