package io.github.llmtest.answer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the numbers in a region of text, the way people and models write them: currency, thousands separators
 * ({@code 1,638,616.44}, {@code 1 000}, {@code 14{,}916}, {@code 16,\!386.20}), a decimal comma where the digits say
 * so, a Unicode minus, {@code 1.5e3}, {@code 1.5 \times 10^{3}}, {@code 2 million}, {@code 3/4}, {@code \frac{3}{4}},
 * a percent sign, degrees and a unit word. One left-to-right pass; every step moves forward.
 */
final class NumberScanner {

    /** Longer digit runs are not numbers anyone wrote as an answer, and BigDecimal parsing them is slow. */
    private static final int MAX_DIGITS = 400;
    private static final int MAX_EXPONENT = 400;
    /** Far longer than any number this scanner reads (digits, separators, exponent and unit). */
    private static final int WINDOW = 4 * MAX_DIGITS + 400;
    private static final MathContext CONTEXT = MathContext.DECIMAL128;
    private static final Set<String> NOT_UNITS = Set.of("and", "or", "is", "to", "the", "of", "in", "for", "by",
            "with", "which", "so", "as", "at", "on", "we", "it", "this", "that", "then", "are", "was", "a", "an",
            "if", "times", "plus", "minus", "divided", "from", "into", "per", "when", "where", "since", "because",
            "but", "be", "not", "than", "approximately", "about", "exactly");

    private static final Set<String> GLUED_NOT_UNITS = Set.of("st", "nd", "rd", "th");

    /** A number found at {@code [start, end)} of the scanned text. */
    record Found(int start, int end, NumericAnswer answer) {
    }

    private final String s;
    private final int limit;
    /** Where to look next after {@link #at} found nothing: past anything it already read. */
    private int resumeAt;

    /** Numbers start inside the scanned region, but may run on past its end (a unit, a percent sign). */
    private NumberScanner(String text) {
        this.s = text;
        this.limit = text.length();
    }

    /** The first number in {@code [from, to)}, or null. */
    static Found first(String text, int from, int to) {
        NumberScanner scanner = new NumberScanner(text);
        int i = from;
        while (i < to) {
            Found found = scanner.at(i);
            if (found != null) {
                return found;
            }
            i = scanner.resumeAt;
        }
        return null;
    }

    /**
     * The last number in {@code [from, to)}, or null. The last number starts within a few hundred characters of
     * the last digit, so only a window before it is scanned; the whole range only when the window has none.
     */
    static Found last(String text, int from, int to) {
        int lastDigit = to - 1;
        while (lastDigit >= from && (text.charAt(lastDigit) < '0' || text.charAt(lastDigit) > '9')) {
            lastDigit--;
        }
        if (lastDigit < from) {
            return null;
        }
        int windowStart = Math.max(from, lastDigit - WINDOW);
        Found found = scan(text, windowStart, to);
        return found != null || windowStart == from ? found : scan(text, from, to);
    }

    private static Found scan(String text, int from, int to) {
        NumberScanner scanner = new NumberScanner(text);
        Found last = null;
        int i = from;
        while (i < to) {
            Found found = scanner.at(i);
            if (found != null) {
                last = found;
                i = Math.max(found.end(), i + 1);
            } else {
                i = scanner.resumeAt;
            }
        }
        return last;
    }

    private boolean isDigit(int i) {
        return i < limit && i >= 0 && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private boolean startsWith(int i, String prefix) {
        return i >= 0 && i + prefix.length() <= limit && s.startsWith(prefix, i);
    }

    /** Reads a number starting exactly at {@code i}, or returns null. */
    private Found at(int i) {
        resumeAt = i + 1;
        boolean frac = startsWith(i, "\\frac{") || startsWith(i, "\\dfrac{") || startsWith(i, "\\tfrac{");
        boolean leadingDot = s.charAt(i) == '.' && isDigit(i + 1) && !isDigit(i - 1);
        if (!frac && !leadingDot && !(isDigit(i) && !isDigit(i - 1) && !(i > 0 && s.charAt(i - 1) == '.'
                && isDigit(i - 2)))) {
            return null;
        }
        if (!frac && i > 0 && Character.isLetter(s.charAt(i - 1))) {
            return null; // part of a name such as x2 or F20
        }
        int rawStart = i;
        boolean negative = false;
        int k = i - 1;
        k = skipCurrencyBackwards(k);
        if (k < i - 1) {
            rawStart = k + 1;
        }
        if (k >= 0 && (s.charAt(k) == '-' || s.charAt(k) == '\u2212')
                && (k == 0 || !Character.isLetterOrDigit(s.charAt(k - 1)) && s.charAt(k - 1) != ')')) {
            negative = true;
            rawStart = k;
            int c = skipCurrencyBackwards(k - 1);
            if (c < k - 1) {
                rawStart = c + 1;
            }
        }

        BigDecimal value;
        int j;
        if (frac) {
            int[] end = new int[1];
            value = fraction(i, end);
            if (value == null) {
                return null;
            }
            j = end[0];
        } else {
            int[] end = new int[1];
            value = decimal(i, end);
            if (value == null) {
                resumeAt = Math.max(resumeAt, end[0]);
                return null;
            }
            j = end[0];
            int[] after = new int[1];
            BigDecimal scaled = timesTen(j, value, after);
            if (scaled != null) {
                value = scaled;
                j = after[0];
            } else if (j < limit && s.charAt(j) == '/' && isDigit(j + 1)) {
                int d = j + 1;
                while (d < limit && isDigit(d) && d - j <= MAX_DIGITS) {
                    d++;
                }
                BigDecimal denominator = new BigDecimal(s.substring(j + 1, d));
                if (denominator.signum() != 0 && (d >= limit || s.charAt(d) != '/')) {
                    value = value.divide(denominator, CONTEXT);
                    j = d;
                }
            }
        }
        if (negative) {
            value = value.negate();
        }
        int rawEnd = j;
        // scale words
        int w = skipSpaces(j);
        String word = word(w);
        if (word != null) {
            BigDecimal factor = switch (word.toLowerCase(Locale.ROOT)) {
                case "thousand" -> BigDecimal.TEN.pow(3);
                case "million" -> BigDecimal.TEN.pow(6);
                case "billion" -> BigDecimal.TEN.pow(9);
                case "trillion" -> BigDecimal.TEN.pow(12);
                default -> null;
            };
            if (factor != null) {
                value = value.multiply(factor);
                j = w + word.length();
                rawEnd = j;
            }
        }
        boolean percent = false;
        int p = j < limit && s.charAt(j) == ' ' ? j + 1 : j;
        if (startsWith(p, "%")) {
            percent = true;
            rawEnd = p + 1;
        } else if (startsWith(p, "\\%")) {
            percent = true;
            rawEnd = p + 2;
        }
        String unit = percent ? null : unit(j);
        return new Found(rawStart, rawEnd, new NumericAnswer(value.stripTrailingZeros().scale() < 0
                ? value.setScale(0) : value.stripTrailingZeros(), percent, s.substring(rawStart, rawEnd), unit));
    }

    private int skipCurrencyBackwards(int k) {
        if (k >= 0 && (s.charAt(k) == '$' || s.charAt(k) == '€' || s.charAt(k) == '£')) {
            k--;
            if (k >= 0 && s.charAt(k) == '\\') {
                k--;
            }
        }
        return k;
    }

    /** Reads digits with thousands separators, a decimal part and an exponent. */
    private BigDecimal decimal(int i, int[] end) {
        StringBuilder digits = new StringBuilder();
        int j = i;
        int firstRun = 0;
        while (j < limit && isDigit(j)) {
            j++;
            firstRun++;
        }
        end[0] = j;
        if (firstRun > MAX_DIGITS) {
            return null;
        }
        digits.append(s, i, j);
        boolean grouped = false;
        if (firstRun >= 1 && firstRun <= 3 && s.charAt(i) != '0') {
            String separator = null;
            while (true) {
                int next = separatorAt(j, separator);
                if (next < 0 || !threeDigitsAt(next)) {
                    break;
                }
                if (separator == null) {
                    separator = s.substring(j, next);
                }
                digits.append(s, next, next + 3);
                j = next + 3;
                end[0] = j;
                grouped = true;
                if (digits.length() > MAX_DIGITS) {
                    return null;
                }
            }
        }
        if (j < limit && s.charAt(j) == '.' && isDigit(j + 1)) {
            digits.append('.');
            j++;
            while (j < limit && isDigit(j)) {
                digits.append(s.charAt(j++));
                if (digits.length() > MAX_DIGITS) {
                    while (j < limit && isDigit(j)) {
                        j++;
                    }
                    end[0] = j;
                    return null;
                }
            }
        } else if (!grouped && j < limit && s.charAt(j) == ',' && isDigit(j + 1)) {
            int d = j + 1;
            while (d < limit && isDigit(d) && d - j <= MAX_DIGITS) {
                d++;
            }
            int count = d - j - 1;
            boolean list = d < limit && s.charAt(d) == ',' && isDigit(d + 1)
                    || i >= 2 && s.charAt(i - 1) == ',' && isDigit(i - 2);
            if ((count != 3 || s.charAt(i) == '0' || firstRun > 3) && !list) {
                digits.append('.').append(s, j + 1, d);
                j = d;
            }
        }
        if (digits.charAt(0) == '.') {
            digits.insert(0, '0');
        }
        BigDecimal value = new BigDecimal(digits.toString());
        if (j < limit && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int e = j + 1;
            if (e < limit && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            int startDigits = e;
            while (e < limit && isDigit(e) && e - startDigits < 6) {
                e++;
            }
            if (e > startDigits && (e >= limit || !Character.isLetterOrDigit(s.charAt(e)))) {
                int exponent = Integer.parseInt(s.substring(j + 1, e).replace("+", ""));
                if (Math.abs(exponent) <= MAX_EXPONENT) {
                    value = value.scaleByPowerOfTen(exponent);
                    j = e;
                }
            }
        }
        end[0] = j;
        return value;
    }

    /** The index after a thousands separator at {@code j} (matching {@code required} if given), or -1. */
    private int separatorAt(int j, String required) {
        String[] separators = {"{,}", ",\\!", "\\,", ",", " ", "\u202F", "\u2009", "\u00A0", "'"};
        for (String separator : separators) {
            if ((required == null || required.equals(separator)) && startsWith(j, separator)) {
                return j + separator.length();
            }
        }
        return -1;
    }

    private boolean threeDigitsAt(int j) {
        return isDigit(j) && isDigit(j + 1) && isDigit(j + 2) && !isDigit(j + 3);
    }

    /** {@code × 10^{3}}, {@code \times 10^3}, {@code \cdot 10^{-2}}, {@code * 10^3} after a mantissa. */
    private BigDecimal timesTen(int j, BigDecimal mantissa, int[] after) {
        int t = skipSpaces(j);
        int op = -1;
        for (String symbol : new String[] {"\\times", "\\cdot", "×", "*", "·"}) {
            if (startsWith(t, symbol)) {
                op = t + symbol.length();
                break;
            }
        }
        if (op < 0) {
            return null;
        }
        int ten = skipSpaces(op);
        if (!startsWith(ten, "10^")) {
            return null;
        }
        int e = ten + 3;
        boolean braced = startsWith(e, "{");
        if (braced) {
            e++;
        }
        int signAt = e;
        if (e < limit && (s.charAt(e) == '-' || s.charAt(e) == '+' || s.charAt(e) == '\u2212')) {
            e++;
        }
        int digitsAt = e;
        while (e < limit && isDigit(e) && e - digitsAt < 6) {
            e++;
        }
        if (e == digitsAt || braced && !startsWith(e, "}")) {
            return null;
        }
        int exponent = Integer.parseInt(s.substring(digitsAt, e));
        if (s.charAt(signAt) == '-' || s.charAt(signAt) == '\u2212') {
            exponent = -exponent;
        }
        if (Math.abs(exponent) > MAX_EXPONENT) {
            return null;
        }
        after[0] = braced ? e + 1 : e;
        return mantissa.scaleByPowerOfTen(exponent);
    }

    /** {@code \frac{3}{4}} with plain numbers on both sides. */
    private BigDecimal fraction(int i, int[] end) {
        int open = s.indexOf('{', i);
        int close = closingBrace(open + 1);
        if (close < 0 || !startsWith(close + 1, "{")) {
            return null;
        }
        int close2 = closingBrace(close + 2);
        if (close2 < 0) {
            return null;
        }
        BigDecimal numerator = plain(s.substring(open + 1, close));
        BigDecimal denominator = plain(s.substring(close + 2, close2));
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        end[0] = close2 + 1;
        return numerator.divide(denominator, CONTEXT);
    }

    /** The next '}' within a short window, or -1: fraction parts are short, and the search must stay bounded. */
    private int closingBrace(int from) {
        int end = Math.min(limit, from + 2 * MAX_DIGITS);
        for (int j = from; j < end; j++) {
            char c = s.charAt(j);
            if (c == '}') {
                return j;
            }
            if (c == '{') {
                return -1;
            }
        }
        return -1;
    }

    private static BigDecimal plain(String text) {
        String t = text.strip().replace("{,}", "").replace(",", "").replace("\u2212", "-");
        if (t.isEmpty() || t.length() > MAX_DIGITS) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0)) {
                return null;
            }
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private int skipSpaces(int j) {
        while (j < limit && (s.charAt(j) == ' ' || s.charAt(j) == '\u00A0' || s.charAt(j) == '~')) {
            j++;
        }
        return j;
    }

    /** The ASCII word starting at {@code w}, or null. */
    private String word(int w) {
        int e = w;
        while (e < limit && e - w < 24 && (Character.isLetter(s.charAt(e)))) {
            e++;
        }
        if (e == w || e < limit && Character.isLetter(s.charAt(e))) {
            return null;
        }
        return s.substring(w, e);
    }

    /** The unit after a number: {@code cm}, {@code \text{cm}}, {@code ^\circ}, {@code °}, or null. */
    private String unit(int j) {
        if (startsWith(j, "^\\circ") || startsWith(j, "^{\\circ}") || startsWith(j, "°")) {
            return "°";
        }
        int u = skipSpaces(j);
        if (startsWith(u, "\\,") || startsWith(u, "\\ ") || startsWith(u, "\\;")) {
            u = skipSpaces(u + 2);
        }
        for (String wrapper : new String[] {"\\text{", "\\mathrm{", "\\textrm{", "\\mbox{"}) {
            if (startsWith(u, wrapper)) {
                u = skipSpaces(u + wrapper.length());
                break;
            }
        }
        String word = word(u);
        if (word == null || NOT_UNITS.contains(word.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (u == j && (word.length() == 1 || GLUED_NOT_UNITS.contains(word.toLowerCase(Locale.ROOT)))) {
            return null; // 5th, 3x and 2nd are not quantities with units
        }
        return word;
    }
}
