package io.github.llmtest.answer;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A number as the answer wrote it: {@code 28%} has value 28 and {@link #isPercent()} true; {@code $1,638,616}
 * has value 1638616 and raw text {@code $1,638,616}; {@code 5 cm} has value 5 and unit {@code cm}.
 *
 * @param value     the value as written (a percentage is not divided by 100)
 * @param isPercent whether a percent sign followed the number
 * @param raw       the exact span of the text the number was read from
 * @param unit      the word right after the number, such as {@code cm} or {@code dollars}, or {@code null}
 */
public record NumericAnswer(BigDecimal value, boolean isPercent, String raw, String unit) {

    /**
     * Checks the parts.
     *
     * @param value     the value
     * @param isPercent the percent flag
     * @param raw       the raw span
     * @param unit      the unit or {@code null}
     */
    public NumericAnswer {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(raw, "raw");
    }

    /** @return the unit word after the number, if there is one */
    public Optional<String> unitIfAny() {
        return Optional.ofNullable(unit);
    }
}
