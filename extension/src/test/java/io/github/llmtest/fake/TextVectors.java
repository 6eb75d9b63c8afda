package io.github.llmtest.fake;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A stand-in embedding model for the fake servers: each word adds a pseudo-random direction seeded by the word, so
 * texts that share words point the same way and the values are ordinary float32 numbers with many digits. Not a
 * model of meaning; enough to tell related texts from unrelated ones and to check that vectors survive recording.
 */
public final class TextVectors {

    public static final int DIMENSIONS = 384;

    private TextVectors() {
    }

    public static float[] of(String text) {
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() < 3) {
                continue;
            }
            Random random = new Random(word.hashCode());
            for (int i = 0; i < DIMENSIONS; i++) {
                vector[i] += (float) random.nextGaussian();
            }
        }
        double length = 0;
        for (float v : vector) {
            length += v * v;
        }
        if (length > 0) {
            for (int i = 0; i < DIMENSIONS; i++) {
                vector[i] = (float) (vector[i] / Math.sqrt(length));
            }
        }
        return vector;
    }

    /** @return the request's {@code input}, a string or an array of strings, as a list */
    public static List<String> inputs(JsonNode request) {
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(t -> texts.add(t.asText()));
        } else {
            texts.add(input.asText());
        }
        return texts;
    }

    /** @return the vector as a JSON array, each value written as its float32 decimal */
    public static String json(float[] vector) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            out.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return out.append(']').toString();
    }
}
