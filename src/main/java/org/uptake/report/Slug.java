package org.uptake.report;

import java.util.Locale;

/** File and column names made from labels a user chose: lower case, runs of anything else joined by a separator. */
public final class Slug {
  private Slug() {}

  public static String of(String label, String separator) {
    String sep = java.util.regex.Matcher.quoteReplacement(separator);
    String quoted = java.util.regex.Pattern.quote(separator);
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", sep).replaceAll("^" + quoted + "|" + quoted + "$", "");
  }
}
