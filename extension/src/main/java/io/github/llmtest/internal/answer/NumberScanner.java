package io.github.llmtest.internal.answer;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Set;

/**
 * The one number reader of llmtest: finds the numbers in a region of text the way people and models write them
 * (currency, thousands separators {@code 1,638,616.44}, {@code 1 000}, {@code 1'000}, {@code 14{,}916},
 * {@code 16,\!386.20}, LaTeX spacing between groups such as {@code 32,\! 349} or {@code 12\,345}, a decimal comma
 * where the digits say so, a Unicode minus, {@code 1.5e3}, {@code 1.5 \times 10^{3}}, {@code 2 million},
 * {@code 3/4}, {@code \frac{3}{4}}, a percent sign, degrees and a unit
 * word). Answer extraction uses {@link #first}/{@link #last}; the math tokenizer reads its literals with
 * {@link #literal}, so both agree on what a number is. One left-to-right pass; every step moves forward.
 */
public final class NumberScanner {

    /** Longer digit runs are not numbers anyone wrote as an answer, and BigDecimal parsing them is slow. */
    public static final int MAX_DIGITS = 400;
    /** The largest power of ten read in {@code 1e400} or {@code \times 10^{400}}. */
    public static final int MAX_EXPONENT = 400;
    /** Far longer than any number this scanner reads (digits, separators, exponent and unit). */
    private static final int WINDOW = 4 * MAX_DIGITS + 400;
    private static final MathContext CONTEXT = MathContext.DECIMAL128;
    private static final Set<String> NOT_UNITS = Set.of("and", "or", "is", "to", "the", "of", "in", "for", "by",
            "with", "which", "so", "as", "at", "on", "we", "it", "this", "that", "then", "are", "was", "a", "an",
            "if", "times", "plus", "minus", "divided", "from", "into", "per", "when", "where", "since", "because",
            "but", "be", "not", "than", "approximately", "about", "exactly");
    private static final Set<String> GLUED_NOT_UNITS = Set.of("st", "nd", "rd", "th");

    /**
     * A number found at {@code [start, end)} of the scanned text.
     *
     * @param start   where its raw text starts (a currency sign or minus included)
     * @param end     where its raw text ends (a percent sign or scale word included)
     * @param value   the value as written: a percentage is not divided by 100
     * @param percent whether a percent sign followed
     * @param raw     the raw text
     * @param unit    the word after it, such as {@code cm}, or null
     */
    public record Found(int start, int end, BigDecimal value, boolean percent, String raw, String unit) {
    }

    /**
     * A number literal read at some index.
     *
     * @param value the value, or null when the digits could not be read (too many of them)
     * @param end   the index after what was read
     */
    public record Literal(BigDecimal value, int end) {
        boolean readable() {
            return value != null;
        }
    }

    /** Where a number's raw text starts and whether a minus sign came before it. */
    private record Prefix(int rawStart, boolean negative) {
    }

    private final String s;
    private final int limit;
    /** The kind of the separator {@link #separatorAt} last read. */
    private String separatorKind = "";
    /** Where to look next after {@link #at} found nothing: past anything it already read. */
    private int resumeAt;

    /** Numbers start inside the scanned region, but may run on past its end (a unit, a percent sign). */
    private NumberScanner(String text) {
        this.s = text;
        this.limit = text.length();
    }

    /**
     * @param text the text
     * @param from the first index to look at
     * @param to   the index after the last where a number may start
     * @return the first number starting in {@code [from, to)}, or null
     */
    public static Found first(String text, int from, int to) {
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
     *
     * @param text the text
     * @param from the first index to look at
     * @param to   the index after the last where a number may start
     * @return the last number, or null
     */
    public static Found last(String text, int from, int to) {
        int lastDigit = to - 1;
        while (lastDigit >= from && !isDigit(text.charAt(lastDigit))) {
            lastDigit--;
        }
        if (lastDigit < from) {
            return null;
        }
        int windowStart = Math.max(from, lastDigit - WINDOW);
        Found found = scan(text, windowStart, to);
        return found != null || windowStart == from ? found : scan(text, from, to);
    }

    /**
     * Reads the literal starting exactly at {@code i}: digits with thousands separators, a decimal part and an
     * {@code e} exponent. A decimal comma ({@code 0,5}) is read only when {@code decimalComma} is true; inside
     * brackets a comma separates items.
     *
     * @param text         the text
     * @param i            the index of the first digit (or of a {@code .} before one)
     * @param decimalComma whether {@code 0,5} may mean one half here
     * @return the literal; its value is null when the digits are too many to read
     */
    public static Literal literal(String text, int i, boolean decimalComma) {
        return new NumberScanner(text).decimal(i, decimalComma);
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean isDigit(int i) {
        return i < limit && i >= 0 && isDigit(s.charAt(i));
    }

    private boolean startsWith(int i, String prefix) {
        return i >= 0 && i + prefix.length() <= limit && s.startsWith(prefix, i);
    }

    private boolean isMinus(int i) {
        return i >= 0 && i < limit && (s.charAt(i) == '-' || s.charAt(i) == '\u2212');
    }

    /** Reads a number starting exactly at {@code i}, or returns null. */
    private Found at(int i) {
        resumeAt = i + 1;
        boolean frac = startsWith(i, "\\frac{") || startsWith(i, "\\dfrac{") || startsWith(i, "\\tfrac{");
        if (!frac && !startsLiteral(i)) {
            return null;
        }
        Prefix prefix = prefix(i);
        Literal body = frac ? fraction(i) : scaledLiteral(i);
        if (body == null) {
            return null;
        }
        return suffix(prefix.rawStart(), prefix.negative() ? body.value().negate() : body.value(), body.end());
    }

    /** A digit (or {@code .5}) that is not inside a longer number or a name such as {@code x2} or {@code F20}. */
    private boolean startsLiteral(int i) {
        boolean leadingDot = s.charAt(i) == '.' && isDigit(i + 1) && !isDigit(i - 1);
        boolean digit = isDigit(i) && !isDigit(i - 1) && !(i > 0 && s.charAt(i - 1) == '.' && isDigit(i - 2));
        return (leadingDot || digit) && !(i > 0 && isWordLetter(s.charAt(i - 1)));
    }

    /** A letter that makes a digit after it part of a name ({@code x2}); not one of a script written without spaces. */
    private static boolean isWordLetter(char c) {
        if (!Character.isLetter(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HANGUL
                && script != Character.UnicodeScript.HIRAGANA && script != Character.UnicodeScript.KATAKANA;
    }

    /** A currency sign and a minus before the number: {@code -$5}, {@code $-5}, {@code \$5}, {@code −5}. */
    private Prefix prefix(int i) {
        int rawStart = i;
        int k = skipCurrencyBackwards(i - 1);
        if (k < i - 1) {
            rawStart = k + 1;
        }
        if (isMinus(k) && (k == 0 || !Character.isLetterOrDigit(s.charAt(k - 1)) && s.charAt(k - 1) != ')')) {
            int c = skipCurrencyBackwards(k - 1);
            return new Prefix(c < k - 1 ? c + 1 : k, true);
        }
        return new Prefix(rawStart, false);
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

    /** A literal, then {@code × 10^{3}} or {@code /4} after it. */
    private Literal scaledLiteral(int i) {
        Literal literal = decimal(i, true);
        if (!literal.readable()) {
            resumeAt = Math.max(resumeAt, literal.end());
            return null;
        }
        Literal scaled = timesTen(literal);
        if (scaled != null) {
            return scaled;
        }
        return slashFraction(literal);
    }

    /** {@code 3/4}: a plain denominator right after the slash, unless another slash follows (a date). */
    private Literal slashFraction(Literal numerator) {
        int j = numerator.end();
        if (j >= limit || s.charAt(j) != '/' || !isDigit(j + 1)) {
            return numerator;
        }
        int d = j + 1;
        while (d < limit && isDigit(d) && d - j <= MAX_DIGITS) {
            d++;
        }
        BigDecimal denominator = new BigDecimal(s.substring(j + 1, d));
        if (denominator.signum() == 0 || d < limit && s.charAt(d) == '/') {
            return numerator;
        }
        return new Literal(numerator.value().divide(denominator, CONTEXT), d);
    }

    /** Scale words, a percent sign and a unit after the number. */
    private Found suffix(int rawStart, BigDecimal value, int j) {
        int rawEnd = j;
        int w = skipSpaces(j);
        String word = word(w);
        BigDecimal factor = word == null ? null : scale(word);
        if (factor != null) {
            value = value.multiply(factor);
            j = w + word.length();
            rawEnd = j;
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
        BigDecimal stripped = value.stripTrailingZeros();
        return new Found(rawStart, rawEnd, stripped.scale() < 0 ? value.setScale(0) : stripped, percent,
                s.substring(rawStart, rawEnd), unit);
    }

    private static BigDecimal scale(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "thousand" -> BigDecimal.TEN.pow(3);
            case "million" -> BigDecimal.TEN.pow(6);
            case "billion" -> BigDecimal.TEN.pow(9);
            case "trillion" -> BigDecimal.TEN.pow(12);
            default -> null;
        };
    }

    /** Digits with thousands separators, a decimal part and an exponent. */
    private Literal decimal(int i, boolean decimalComma) {
        int j = i;
        while (isDigit(j)) {
            j++;
        }
        if (j - i > MAX_DIGITS) {
            return new Literal(null, j);
        }
        StringBuilder digits = new StringBuilder(s.substring(i, j));
        int afterGroups = thousands(i, j, digits);
        if (digits.length() > MAX_DIGITS) {
            return new Literal(null, afterGroups);
        }
        boolean grouped = afterGroups > j;
        j = afterGroups;
        if (j < limit && s.charAt(j) == '.' && isDigit(j + 1)) {
            int end = j + 1;
            while (isDigit(end)) {
                end++;
            }
            if (digits.length() + end - j > MAX_DIGITS) {
                return new Literal(null, end);
            }
            digits.append(s, j, end);
            j = end;
        } else if (decimalComma && !grouped && isDecimalComma(i, j)) {
            int end = j + 1;
            while (isDigit(end) && end - j <= MAX_DIGITS) {
                end++;
            }
            digits.append('.').append(s, j + 1, end);
            j = end;
        }
        if (digits.charAt(0) == '.') {
            digits.insert(0, '0');
        }
        return exponent(new Literal(new BigDecimal(digits.toString()), j));
    }

    /** Appends the digit groups of {@code 1,638,616} to {@code digits}; returns the index after the last group. */
    private int thousands(int i, int j, StringBuilder digits) {
        int run = j - i;
        if (run < 1 || run > 3 || s.charAt(i) == '0') {
            return j;
        }
        String separator = null;
        while (digits.length() <= MAX_DIGITS) {
            int next = separatorAt(j, separator);
            if (next < 0 || !threeDigitsAt(next)) {
                break;
            }
            if (separator == null) {
                separator = separatorKind;
            }
            digits.append(s, next, next + 3);
            j = next + 3;
        }
        return j;
    }

    /**
     * A comma after ungrouped digits is a decimal comma ({@code 0,5}, {@code 1,22}) unless exactly three digits
     * follow a short run (a thousands group), or it is part of a list ({@code 1,2,3}).
     */
    private boolean isDecimalComma(int i, int j) {
        if (j >= limit || s.charAt(j) != ',' || !isDigit(j + 1)) {
            return false;
        }
        int d = j + 1;
        while (isDigit(d) && d - j <= MAX_DIGITS) {
            d++;
        }
        int count = d - j - 1;
        int firstRun = j - i;
        boolean list = d < limit && s.charAt(d) == ',' && isDigit(d + 1) || i >= 2 && s.charAt(i - 1) == ','
                && isDigit(i - 2);
        return (count != 3 || s.charAt(i) == '0' || firstRun > 3) && !list;
    }

    /** {@code e3}, {@code E-2} right after a literal, up to {@link #MAX_EXPONENT}. */
    private Literal exponent(Literal literal) {
        int j = literal.end();
        if (j >= limit || s.charAt(j) != 'e' && s.charAt(j) != 'E') {
            return literal;
        }
        int e = j + 1;
        if (e < limit && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
            e++;
        }
        int startDigits = e;
        while (isDigit(e) && e - startDigits < 6) {
            e++;
        }
        if (e == startDigits || e < limit && Character.isLetterOrDigit(s.charAt(e))) {
            return literal;
        }
        int power = Integer.parseInt(s.substring(j + 1, e).replace("+", ""));
        if (Math.abs(power) > MAX_EXPONENT) {
            return literal;
        }
        return new Literal(literal.value().scaleByPowerOfTen(power), e);
    }

    /**
     * The index after a thousands separator at {@code j} whose kind matches {@code required} (if given), or -1; its
     * kind is left in {@link #separatorKind}. A separator is a comma or {@code {,}}, LaTeX spacing ({@code \!},
     * {@code \,}, {@code \;}, {@code \:}, {@code \ }) with or without a comma before it and spaces after it, or
     * one space, thin space, no-break space or apostrophe. A plain comma is never followed by a space: "10, 200" is
     * a list.
     */
    private int separatorAt(int j, String required) {
        int k = j;
        String kind = "";
        if (startsWith(k, "{,}")) {
            k += 3;
            kind = "{,}";
        } else if (startsWith(k, ",")) {
            k++;
            kind = ",";
        }
        boolean spacing = false;
        int commands = 0;
        while (k + 1 < limit && commands++ < 3 && s.charAt(k) == '\\' && "!,;: ".indexOf(s.charAt(k + 1)) >= 0) {
            k += 2;
            spacing = true;
            k = skipPlainSpaces(k);
        }
        if (spacing) {
            kind += "\\";
        } else if (kind.equals("{,}")) {
            k = skipPlainSpaces(k);
        } else if (kind.isEmpty() && k < limit && " \u202F\u2009\u00A0'".indexOf(s.charAt(k)) >= 0) {
            kind = String.valueOf(s.charAt(k));
            k++;
        }
        if (k == j || required != null && !required.equals(kind)) {
            return -1;
        }
        separatorKind = kind;
        return k;
    }

    /** Up to two spaces after a separator: "32,\! 349". */
    private int skipPlainSpaces(int k) {
        int end = Math.min(limit, k + 2);
        while (k < end && s.charAt(k) == ' ') {
            k++;
        }
        return k;
    }

    private boolean threeDigitsAt(int j) {
        return isDigit(j) && isDigit(j + 1) && isDigit(j + 2) && !isDigit(j + 3);
    }

    /** {@code × 10^{3}}, {@code \times 10^3}, {@code \cdot 10^{-2}}, {@code * 10^3} after a mantissa, or null. */
    private Literal timesTen(Literal mantissa) {
        int t = skipSpaces(mantissa.end());
        int op = -1;
        for (String symbol : new String[] {"\\times", "\\cdot", "×", "*", "·"}) {
            if (startsWith(t, symbol)) {
                op = t + symbol.length();
                break;
            }
        }
        int ten = op < 0 ? -1 : skipSpaces(op);
        if (ten < 0 || !startsWith(ten, "10^")) {
            return null;
        }
        int e = ten + 3;
        boolean braced = startsWith(e, "{");
        if (braced) {
            e++;
        }
        boolean negative = isMinus(e);
        if (negative || e < limit && s.charAt(e) == '+') {
            e++;
        }
        int digitsAt = e;
        while (isDigit(e) && e - digitsAt < 6) {
            e++;
        }
        if (e == digitsAt || braced && !startsWith(e, "}")) {
            return null;
        }
        int power = Integer.parseInt(s.substring(digitsAt, e));
        if (power > MAX_EXPONENT) {
            return null;
        }
        return new Literal(mantissa.value().scaleByPowerOfTen(negative ? -power : power), braced ? e + 1 : e);
    }

    /** {@code \frac{3}{4}} with plain numbers on both sides, or null. */
    private Literal fraction(int i) {
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
        return new Literal(numerator.divide(denominator, CONTEXT), close2 + 1);
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
            if (!(isDigit(c) || c == '.' || c == '-' && i == 0)) {
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
