package org.uptake.report;

import java.util.Locale;

/** Numbers as the summaries of fits and optimisations print them. */
public final class Numbers {
  private Numbers() {}

  /** Four significant figures, without an exponent for everyday sizes. */
  public static String plain(double v) {
    if (v != 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 1e-4)) return String.format(Locale.ROOT, "%.4g", v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
