package io.github.llmtest.internal.math;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A number that is exact (a fraction of integers) as long as it can be, and a double once it cannot: a decimal
 * literal with a fractional part, a root, a function value, or a result too large to keep exactly.
 */
final class Num {

    /**
     * Exact results larger than this many bits (about 19,700 digits) are too large to compare, so that
     * {@code 9^9^9} stays cheap and {@code 10^{4000}} and {@code 10^{5000}} are still told apart.
     */
    static final int MAX_BITS = 65536;

    /** A value too large to compare exactly, which a double would turn into infinity. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("a value is too large to compare exactly (more than " + MAX_BITS + " bits, about 19,700 digits)");
        }
    }

    final BigInteger p;
    final BigInteger q;
    final double d;
    final boolean exact;
    /** An infinity that comes from a finite value too large to keep, not from a division by zero. */
    final boolean tooLarge;

    private Num(BigInteger p, BigInteger q) {
        this.p = p;
        this.q = q;
        this.exact = true;
        this.tooLarge = false;
        this.d = new BigDecimal(p).divide(new BigDecimal(q), MathContext.DECIMAL64).doubleValue();
    }

    private Num(double d, boolean tooLarge) {
        this.p = null;
        this.q = null;
        this.exact = false;
        this.tooLarge = tooLarge;
        this.d = d;
    }

    static Num of(long value) {
        return exact(BigInteger.valueOf(value), BigInteger.ONE);
    }

    static Num approx(double value) {
        return new Num(value, false);
    }

    /** An approximate result: an infinity from finite operands means the value was too large for a double. */
    private static Num approx(double value, Num a, Num b) {
        boolean overflow = Double.isInfinite(value) && !Double.isInfinite(a.d) && (b == null || !Double.isInfinite(b.d))
                || a.tooLarge || b != null && b.tooLarge;
        return new Num(value, overflow);
    }

    private static Num tooLarge(int sign) {
        return new Num(sign < 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, true);
    }

    static Num exact(BigInteger p, BigInteger q) {
        if (q.signum() == 0) {
            return approx(p.signum() == 0 ? Double.NaN : p.signum() * Double.POSITIVE_INFINITY);
        }
        if (q.signum() < 0) {
            p = p.negate();
            q = q.negate();
        }
        BigInteger g = p.gcd(q);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            p = p.divide(g);
            q = q.divide(g);
        }
        if (p.bitLength() > MAX_BITS || q.bitLength() > MAX_BITS) {
            return tooLarge(p.signum());
        }
        return new Num(p, q);
    }

    /** A decimal literal: exact when it has no fractional digits, approximate otherwise (an approximation). */
    static Num decimal(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return exact(stripped.toBigIntegerExact(), BigInteger.ONE);
        }
        return approx(value.doubleValue());
    }

    double value() {
        return d;
    }

    boolean isInteger() {
        return exact && q.equals(BigInteger.ONE);
    }

    Num negate() {
        return exact ? exact(p.negate(), q) : new Num(-d, tooLarge);
    }

    Num add(Num o) {
        return exact && o.exact ? exact(p.multiply(o.q).add(o.p.multiply(q)), q.multiply(o.q))
                : approx(d + o.d, this, o);
    }

    Num subtract(Num o) {
        return add(o.negate());
    }

    Num multiply(Num o) {
        return exact && o.exact ? exact(p.multiply(o.p), q.multiply(o.q)) : approx(d * o.d, this, o);
    }

    Num divide(Num o) {
        return exact && o.exact ? exact(p.multiply(o.q), q.multiply(o.p))
                : new Num(d / o.d, tooLarge || o.tooLarge);
    }

    Num pow(Num e) {
        if (exact && e.isInteger() && e.p.abs().compareTo(BigInteger.valueOf(MAX_BITS)) <= 0) {
            int n = e.p.intValue();
            long bits = (long) Math.max(p.bitLength(), q.bitLength()) * Math.abs(n);
            if (bits <= MAX_BITS) {
                Num r = exact(p.pow(Math.abs(n)), q.pow(Math.abs(n)));
                return n >= 0 ? r : exact(r.q, r.p);
            }
            if (p.abs().compareTo(q) > 0 && n > 0) {
                return tooLarge(p.signum() < 0 && n % 2 != 0 ? -1 : 1);
            }
        }
        if (exact && e.exact && e.q.equals(BigInteger.TWO) && p.signum() >= 0) {
            Num root = sqrt();
            if (root.exact) {
                return root.pow(exact(e.p, BigInteger.ONE));
            }
        }
        return approx(Math.pow(d, e.d), this, e);
    }

    Num sqrt() {
        if (exact && p.signum() >= 0) {
            BigInteger rp = p.sqrt();
            BigInteger rq = q.sqrt();
            if (rp.multiply(rp).equals(p) && rq.multiply(rq).equals(q)) {
                return exact(rp, rq);
            }
        }
        return approx(Math.sqrt(d));
    }

    /** Equal exactly when both are exact; otherwise equal after rounding to {@code places} decimals. */
    boolean sameAs(Num o, int places, double relativeTolerance) {
        if (exact && o.exact) {
            return p.equals(o.p) && q.equals(o.q);
        }
        if (tooLarge || o.tooLarge) {
            throw new TooLarge();
        }
        if (Double.isNaN(d) || Double.isNaN(o.d)) {
            return false;
        }
        if (Double.isInfinite(d) || Double.isInfinite(o.d)) {
            return d == o.d;
        }
        if (Math.abs(d - o.d) <= relativeTolerance * Math.max(Math.abs(d), Math.abs(o.d))) {
            return true;
        }
        BigDecimal a = new BigDecimal(d).setScale(places, RoundingMode.HALF_UP);
        BigDecimal b = new BigDecimal(o.d).setScale(places, RoundingMode.HALF_UP);
        return a.compareTo(b) == 0;
    }

    @Override
    public String toString() {
        if (exact) {
            return q.equals(BigInteger.ONE) ? p.toString() : p + "/" + q;
        }
        if (Double.isNaN(d)) {
            return "undefined";
        }
        if (Double.isInfinite(d)) {
            return tooLarge ? (d > 0 ? "a number too large to compare" : "a negative number too large to compare")
                    : d > 0 ? "∞" : "-∞";
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
