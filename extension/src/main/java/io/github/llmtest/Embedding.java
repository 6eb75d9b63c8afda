package io.github.llmtest;

import java.util.Arrays;
import java.util.Objects;

/**
 * One text's embedding: the vector a model gave it, the model and the text. Returned by {@link Llm#embed(String)}
 * and {@link Llm#embed(java.util.List)}, recorded and replayed like an answer: a replayed vector is bit for bit the
 * one recorded.
 *
 * <pre>{@code
 * Embedding cat = llm.embed("The cat sat on the mat.");
 * Embedding kitten = llm.embed("A kitten was sitting on the rug.");
 * double score = cat.cosineSimilarity(kitten);   // 1 for the same direction, 0 for unrelated, -1 for opposite
 * }</pre>
 *
 * <p>Immutable: {@link #vector()} returns a copy. Scores depend on the model: compare texts embedded by the same one.
 */
public final class Embedding {

    private final String text;
    private final String model;
    private final float[] vector;

    /**
     * @param text   the text that was embedded
     * @param model  the model that embedded it
     * @param vector its vector, copied
     * @throws IllegalArgumentException when the vector is empty or holds a value that is not finite
     */
    public Embedding(String text, String model, float[] vector) {
        this.text = Objects.requireNonNull(text, "text");
        this.model = Objects.requireNonNull(model, "model");
        this.vector = Objects.requireNonNull(vector, "vector").clone();
        if (this.vector.length == 0) {
            throw new IllegalArgumentException("an embedding needs at least one dimension, but the vector of "
                    + model + " for \"" + head(text) + "\" is empty");
        }
        for (int i = 0; i < this.vector.length; i++) {
            if (!Float.isFinite(this.vector[i])) {
                throw new IllegalArgumentException("the vector of " + model + " for \"" + head(text)
                        + "\" holds " + this.vector[i] + " at index " + i + ", which is not a finite number");
            }
        }
    }

    /** @return the text that was embedded */
    public String text() {
        return text;
    }

    /** @return the model that embedded it, as the test named it */
    public String model() {
        return model;
    }

    /** @return a copy of the vector */
    public float[] vector() {
        return vector.clone();
    }

    /** @return the number of dimensions */
    public int dimensions() {
        return vector.length;
    }

    /**
     * The cosine of the angle between two embeddings, computed in double precision: the dot product over the
     * product of the lengths.
     *
     * @param other an embedding by the same model
     * @return from -1 to 1; 0 when either vector is all zeros
     * @throws IllegalArgumentException when the dimensions differ (embeddings of two models)
     */
    public double cosineSimilarity(Embedding other) {
        Objects.requireNonNull(other, "other");
        if (other.vector.length != vector.length) {
            throw new IllegalArgumentException("cannot compare embeddings of " + vector.length + " and "
                    + other.vector.length + " dimensions (models " + model + " and " + other.model + "): embed "
                    + "both texts with the same model");
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += (double) vector[i] * other.vector[i];
            a += (double) vector[i] * vector[i];
            b += (double) other.vector[i] * other.vector[i];
        }
        if (a == 0 || b == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, dot / (Math.sqrt(a) * Math.sqrt(b))));
    }

    private static String head(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** Equal when text, model and every bit of the vector are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && e.text.equals(text) && e.model.equals(model)
                && Arrays.equals(e.vector, vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, model, Arrays.hashCode(vector));
    }

    @Override
    public String toString() {
        return "Embedding{model=" + model + ", dimensions=" + vector.length + ", text=\"" + head(text) + "\"}";
    }
}
