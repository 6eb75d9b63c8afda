package io.github.llmtest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Binds a case's fields to a user's type. The mapper is made on first use only: creating one costs a cold JVM a
 * fifth of a second (see {@code Jsons}), which suites that never bind should not pay.
 */
final class CaseBinding {

    private CaseBinding() {
    }

    static <T> T bind(JsonNode fields, Class<T> type) {
        return Holder.MAPPER.convertValue(fields, type);
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
