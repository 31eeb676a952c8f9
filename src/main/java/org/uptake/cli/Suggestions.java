package org.uptake.cli;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * "Did you mean": the nearest known word within a few edits (Levenshtein distance, Commons Text), ties broken by
 * Jaro-Winkler similarity, which favours swapped letters ("rnu" is "run", not "rm").
 */
final class Suggestions {
  private Suggestions() {}

  static Optional<String> nearest(String word, Set<String> known) {
    LevenshteinDistance distance = new LevenshteinDistance(3);
    return known.stream()
        .filter(k -> distance.apply(word, k) >= 0)
        .min(Comparator.comparingInt((String k) -> distance.apply(word, k))
            .thenComparing(k -> -new JaroWinklerSimilarity().apply(word, k)).thenComparing(k -> k));
  }
}
