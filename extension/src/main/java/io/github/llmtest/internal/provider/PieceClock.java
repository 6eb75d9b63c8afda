package io.github.llmtest.internal.provider;

/**
 * Times the streamed pieces of one answer: the first piece of any kind (time to first token), the first piece of
 * the answer itself (after any reasoning, whether the server sent it apart or inside a leading
 * {@code <think>…</think>}), how many pieces were reasoning, and the gaps between pieces. Not thread-safe: one per
 * answer.
 */
public final class PieceClock {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private final TokenGaps.Clock gaps = new TokenGaps.Clock();
    private final StringBuilder content = new StringBuilder();
    private Long first;
    private Long firstAnswer;
    private int thinkingPieces;
    /** null until the content shows whether it opens with a think tag. */
    private Boolean inTag;

    /**
     * A piece of reasoning the server sent apart from the answer.
     *
     * @param piece        the piece
     * @param elapsedNanos since the request was sent
     */
    public void thinking(String piece, long elapsedNanos) {
        if (!piece.isEmpty()) {
            arrived(elapsedNanos);
            thinkingPieces++;
        }
    }

    /**
     * A piece of the answer's content, which may still be inside a leading {@code <think>} block.
     *
     * @param piece        the piece
     * @param elapsedNanos since the request was sent
     */
    public void content(String piece, long elapsedNanos) {
        if (piece.isEmpty()) {
            return;
        }
        arrived(elapsedNanos);
        int before = content.length();
        content.append(piece);
        if (inTag == null) {
            String start = content.toString().stripLeading();
            if (start.isEmpty() || OPEN.startsWith(start) && start.length() < OPEN.length()) {
                thinkingPieces++;
                return; // not yet known
            }
            inTag = start.startsWith(OPEN);
        }
        if (inTag) {
            int close = content.indexOf(CLOSE, Math.max(0, before - CLOSE.length()));
            if (close < 0) {
                thinkingPieces++;
                return;
            }
            inTag = false;
            if (content.substring(close + CLOSE.length()).isBlank()) {
                thinkingPieces++;
                return;
            }
        }
        if (firstAnswer == null && !content.substring(Math.min(before, content.length())).isBlank()) {
            firstAnswer = elapsedNanos;
        }
    }

    private void arrived(long elapsedNanos) {
        if (first == null) {
            first = elapsedNanos;
        }
        gaps.arrived(elapsedNanos);
    }

    /** @return when the first piece of any kind came, or null */
    public Long first() {
        return first;
    }

    /** @return when the first piece of the answer itself came, or null */
    public Long firstAnswer() {
        return firstAnswer;
    }

    /** @return how many pieces were reasoning */
    public int thinkingPieces() {
        return thinkingPieces;
    }

    /** @return the gaps between all pieces, or null with fewer than two */
    public TokenGaps gaps() {
        return gaps.gaps();
    }
}
