package org.uptake.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the commands print, made safe for a terminal: names come from scenarios, org charts and the journal, and a
 * control character in one (an ANSI or OSC escape sequence could rewrite the screen or plant a link) is printed as
 * '?'. Line breaks and tabs pass.
 */
final class TerminalSafe extends FilterWriter {
  TerminalSafe(Writer out) {
    super(out);
  }

  static char safe(char c) {
    boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c < 0xA0);
    return control ? '?' : c;
  }

  @Override
  public void write(int c) throws IOException {
    out.write(safe((char) c));
  }

  @Override
  public void write(char[] buf, int off, int len) throws IOException {
    char[] copy = new char[len];
    for (int i = 0; i < len; i++) copy[i] = safe(buf[off + i]);
    out.write(copy, 0, len);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    write(s.toCharArray(), off, len);
  }
}
