package org.uptake.model;

/** Where a person stands with the new way of working. Ordinal values are persisted: append only. */
public enum AdoptionState {
  UNAWARE, AWARE, TRIALING, ACTIVE, LAPSED;

  private static final AdoptionState[] VALUES = values();

  public static AdoptionState of(int ordinal) {
    return VALUES[ordinal];
  }

  public boolean using() {
    return this == TRIALING || this == ACTIVE;
  }

  public String column() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
