package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Reading embedding vectors from JSON, for the providers' embeddings routes: an array of numbers, or the base64 of
 * little-endian float32 values (OpenAI's {@code "encoding_format": "base64"}).
 */
public final class Vectors {

    private Vectors() {
    }

    /**
     * @param node  an array of numbers, or a base64 string of little-endian float32 values
     * @param where what it is, for the message
     * @return the vector, each value rounded to float32 as the servers compute them
     * @throws Relay.Unrecordable when it is neither
     */
    public static float[] read(JsonNode node, String where) {
        if (node != null && node.isTextual()) {
            return fromBase64(node.asText(), where);
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Relay.Unrecordable(where + " is not a non-empty array of numbers but " + node);
        }
        float[] vector = new float[node.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber()) {
                throw new Relay.Unrecordable(where + " holds " + value + " at index " + i + ", not a number");
            }
            vector[i] = value.floatValue();
        }
        return vector;
    }

    /**
     * @param base64 the base64 of little-endian float32 values
     * @param where  what it is, for the message
     * @return the vector
     * @throws Relay.Unrecordable when it is not that
     */
    public static float[] fromBase64(String base64, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new Relay.Unrecordable(where + " is not base64: " + e.getMessage());
        }
        if (bytes.length == 0 || bytes.length % Float.BYTES != 0) {
            throw new Relay.Unrecordable(where + " holds " + bytes.length + " bytes, not a whole number of float32 "
                    + "values");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /**
     * @param vector a vector
     * @return the base64 of its little-endian float32 values
     */
    public static String toBase64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
