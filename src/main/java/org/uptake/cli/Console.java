package org.uptake.cli;

/**
 * Text from a scenario, an org chart or the journal, made safe to print on a terminal: control characters (an ANSI
 * or OSC escape sequence in a person's name could rewrite the screen or plant a link) are shown as '?'.
 */
final class Console {
  private Console() {}

  static String safe(String s) {
    if (s == null) return "";
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      boolean control = (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0);
      out.appendCodePoint(control ? '?' : c);
    });
    return out.toString();
  }
}
