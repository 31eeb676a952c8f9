package org.uptake.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/**
 * A self-contained report.html: charts embedded as PNG data, style inline, and one inline script that only
 * checks every picture decoded (it marks {@code body[data-images-loaded]}, which the browser test reads).
 * Nothing is fetched from the network, so the page opens from disk anywhere.
 */
public final class HtmlReport {
  private final String title;
  private final StringBuilder body = new StringBuilder();
  private int images;

  public HtmlReport(String title, String subtitle) {
    this.title = title;
    body.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"sub\">").append(esc(subtitle)).append("</p>\n");
  }

  public HtmlReport heading(String text) {
    body.append("<h2>").append(esc(text)).append("</h2>\n");
    return this;
  }

  public HtmlReport paragraph(String text) {
    body.append("<p>").append(esc(text)).append("</p>\n");
    return this;
  }

  /** A table; the first row is the header. */
  public HtmlReport table(List<List<String>> rows) {
    body.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      String cell = r == 0 ? "th" : "td";
      body.append("<tr>");
      for (String c : rows.get(r)) body.append('<').append(cell).append('>').append(esc(c)).append("</").append(cell).append('>');
      body.append("</tr>\n");
    }
    body.append("</table>\n");
    return this;
  }

  public HtmlReport figure(Figure f, Path reportDir) {
    images++;
    String png = reportDir.relativize(f.pngFile()).toString().replace('\\', '/');
    String svg = reportDir.relativize(f.svgFile()).toString().replace('\\', '/');
    body.append("<figure>\n<h2>").append(esc(f.title())).append("</h2>\n<img alt=\"").append(esc(f.title()))
        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(f.png()))
        .append("\">\n<figcaption>").append(esc(f.caption())).append(" Files: <a href=\"").append(esc(png))
        .append("\">PNG</a>, <a href=\"").append(esc(svg)).append("\">SVG</a>.</figcaption>\n</figure>\n");
    return this;
  }

  /** Writes {@code dir/report.html} through a temporary file, so a failure leaves no half page. */
  public Path write(Path dir) {
    String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + esc(title)
        + "</title>\n<style>\n"
        + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;"
        + "padding:0 1em;color:#222}\n"
        + "h1{margin-bottom:0}.sub{color:#666;margin-top:.3em}figure{margin:2em 0}figure h2{font-size:1.1em}\n"
        + "img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.9em}\n"
        + "table{border-collapse:collapse;font-size:.9em;margin:1em 0}td,th{border:1px solid #ddd;"
        + "padding:.3em .6em;text-align:left}th{background:#f4f4f4}\n"
        + "</style>\n</head>\n<body data-images=\"" + images + "\">\n" + body
        + "<script>\n// Marks the page once every chart has decoded, so a headless browser can tell it rendered.\n"
        + "window.addEventListener('load',function(){var ok=0;document.querySelectorAll('img').forEach("
        + "function(i){if(i.complete&&i.naturalWidth>0)ok++;});document.body.setAttribute('data-images-loaded',ok);});\n"
        + "</script>\n</body>\n</html>\n";
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(".report.html.partial");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Path file = dir.resolve("report.html");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report.html under " + dir + ": " + e.getMessage(), e);
    }
  }

  static List<String> row(Object... cells) {
    List<String> out = new ArrayList<>();
    for (Object c : cells) out.add(String.valueOf(c));
    return out;
  }

  private static String esc(String s) {
    return StringEscapeUtils.escapeHtml4(s);
  }
}
