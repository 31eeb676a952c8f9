package org.uptake.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.uptake.model.AdoptionState;
import org.uptake.organisation.Organisation;

/**
 * The organisation's network coloured by adoption state, one panel per chosen tick, with the same
 * force-directed layout (JGraphT's Fruchterman-Reingold, seeded by the run's seed) in every panel. Larger
 * networks are drawn as a sample that keeps their ties: the neighbourhoods, found breadth first, of a few
 * evenly spaced people. XChart has no network chart, so the panels are drawn with Java2D, once to a bitmap
 * and once to SVG through VectorGraphics2D (the library XChart itself uses for SVG).
 */
public final class NetworkPicture {
  /**
   * Most people drawn: the exact layout costs iterations x people^2, about a second at this size, and a
   * picture of more dots says nothing more.
   */
  static final int MAX_PEOPLE = 800;
  /** People the sample of a larger network grows from. */
  static final int SAMPLE_CENTRES = 8;
  private static final int ITERATIONS = 100;
  private static final int PANEL = 420;
  private static final int TITLE = 28;
  private static final int LEGEND = 30;

  private final int people;
  private final String unit;
  private final int[] drawn;
  /** The ties among the people drawn, between their positions in {@code drawn}. */
  private final Graph<Integer, DefaultEdge> graph = new SimpleGraph<>(DefaultEdge.class);
  private final double[][] xy;

  /** Lays out the organisation (or its sample); {@code unit} names the ticks of the panels ("week"). */
  public NetworkPicture(Organisation org, long seed, String unit) {
    this.people = org.size();
    this.unit = unit;
    this.drawn = sample(org.ties(), MAX_PEOPLE);
    int[] index = new int[org.size()];
    java.util.Arrays.fill(index, -1);
    for (int k = 0; k < drawn.length; k++) index[drawn[k]] = k;
    for (int k = 0; k < drawn.length; k++) graph.addVertex(k);
    for (int k = 0; k < drawn.length; k++) {
      for (int t : org.ties()[drawn[k]]) if (index[t] > k) graph.addEdge(k, index[t]);
    }
    MapLayoutModel2D<Integer> model = new MapLayoutModel2D<>(new Box2D(0, 0, 1, 1));
    new FRLayoutAlgorithm2D<Integer, DefaultEdge>(ITERATIONS, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR,
        new Random(seed)).layout(graph, model);
    double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    xy = new double[drawn.length][];
    for (int k = 0; k < drawn.length; k++) {
      Point2D p = model.get(k);
      xy[k] = new double[] {p.getX(), p.getY()};
      minX = Math.min(minX, p.getX());
      minY = Math.min(minY, p.getY());
      maxX = Math.max(maxX, p.getX());
      maxY = Math.max(maxY, p.getY());
    }
    double w = Math.max(maxX - minX, 1e-9), h = Math.max(maxY - minY, 1e-9);
    for (double[] p : xy) {
      p[0] = (p[0] - minX) / w;
      p[1] = (p[1] - minY) / h;
    }
  }

  /**
   * Everybody if there are at most {@code max} people; otherwise up to {@code max} found breadth first from
   * {@link #SAMPLE_CENTRES} evenly spaced people, one step of each in turn, in ascending id order.
   */
  static int[] sample(int[][] ties, int max) {
    int n = ties.length;
    if (n <= max) return java.util.stream.IntStream.range(0, n).toArray();
    boolean[] taken = new boolean[n];
    java.util.List<java.util.ArrayDeque<Integer>> frontiers = new java.util.ArrayList<>();
    int count = 0;
    for (int c = 0; c < SAMPLE_CENTRES; c++) {
      int centre = (int) ((long) n * c / SAMPLE_CENTRES);
      frontiers.add(new java.util.ArrayDeque<>(java.util.List.of(centre)));
    }
    java.util.BitSet queued = new java.util.BitSet(n);
    frontiers.forEach(f -> queued.set(f.peek()));
    int next = 0;
    while (count < max) {
      boolean grew = false;
      for (java.util.ArrayDeque<Integer> f : frontiers) {
        if (f.isEmpty() || count >= max) continue;
        int p = f.poll();
        taken[p] = true;
        count++;
        grew = true;
        for (int t : ties[p]) {
          if (!queued.get(t)) {
            queued.set(t);
            f.add(t);
          }
        }
      }
      if (!grew) {
        // Every neighbourhood is exhausted (isolated people, small components): take the next people by id.
        while (next < n && queued.get(next)) next++;
        if (next >= n) break;
        queued.set(next);
        frontiers.get(0).add(next);
      }
    }
    int[] out = new int[count];
    for (int i = 0, k = 0; i < n; i++) if (taken[i]) out[k++] = i;
    return out;
  }

  /**
   * The layout as data, for a page to draw: the people drawn (ids), their positions in the unit square, the ties
   * among them (as pairs of indices into {@code people}), and each state's colour as CSS hex (by ordinal).
   */
  public record Layout(int[] people, double[][] xy, int[][] ties, List<String> colours, boolean sampled) {}

  public Layout layout() {
    int[][] ties = graph.edgeSet().stream()
        .map(e -> new int[] {graph.getEdgeSource(e), graph.getEdgeTarget(e)}).toArray(int[][]::new);
    List<String> colours = java.util.Arrays.stream(Charts.STATE_COLOURS)
        .map(c -> String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue())).toList();
    return new Layout(drawn.clone(), java.util.Arrays.stream(xy).map(double[]::clone).toArray(double[][]::new), ties,
        colours, drawn.length < people);
  }

  /** One panel: the tick shown and every person's state at its end (indexed by person id). */
  public record Panel(int tick, AdoptionState[] states) {}

  /** Writes {@code dir/name.png} and {@code .svg}. */
  public Figure save(List<Panel> panels, Path dir, String name) {
    int width = PANEL * panels.size();
    int height = PANEL + TITLE + LEGEND;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    draw(g, panels, width, height);
    g.dispose();
    VectorGraphics2D vg = new VectorGraphics2D();
    draw(vg, panels, width, height);
    try {
      Files.createDirectories(dir);
      byte[] png = Charts.png(image);
      Path pngFile = dir.resolve(name + ".png");
      Files.write(pngFile, png);
      Path svgFile = dir.resolve(name + ".svg");
      try (OutputStream out = Files.newOutputStream(svgFile)) {
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
      }
      String sample = drawn.length < people
          ? " A sample of " + drawn.length + " of the " + people + " people is drawn: the neighbourhoods of "
              + SAMPLE_CENTRES + " evenly spaced people, with the ties among them."
          : "";
      return new Figure(name, "The network coloured by adoption",
          "Each dot is a person, each line an informal tie or reporting line; same layout in every panel." + sample,
          png, pngFile, svgFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " under " + dir + ": " + e.getMessage(), e);
    }
  }

  private void draw(Graphics2D g, List<Panel> panels, int width, int height) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    double margin = 14;
    double size = PANEL - 2 * margin;
    for (int p = 0; p < panels.size(); p++) {
      Panel panel = panels.get(p);
      double ox = p * PANEL + margin;
      double oy = TITLE + margin;
      g.setColor(Color.DARK_GRAY);
      g.drawString(unit + " " + panel.tick(), (float) ox, 20f);
      g.setStroke(new BasicStroke(0.4f));
      g.setColor(new Color(0, 0, 0, 28));
      for (DefaultEdge e : graph.edgeSet()) {
        int k = graph.getEdgeSource(e);
        int j = graph.getEdgeTarget(e);
        g.draw(new Line2D.Double(ox + xy[k][0] * size, oy + xy[k][1] * size, ox + xy[j][0] * size,
            oy + xy[j][1] * size));
      }
      for (int k = 0; k < drawn.length; k++) {
        g.setColor(Charts.STATE_COLOURS[panel.states()[drawn[k]].ordinal()]);
        g.fill(new Ellipse2D.Double(ox + xy[k][0] * size - 3, oy + xy[k][1] * size - 3, 6, 6));
      }
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    float x = 14;
    for (AdoptionState s : AdoptionState.values()) {
      g.setColor(Charts.STATE_COLOURS[s.ordinal()]);
      g.fill(new Ellipse2D.Double(x, height - 20, 10, 10));
      g.setColor(Color.DARK_GRAY);
      g.drawString(s.column(), x + 14, height - 10);
      x += 90;
    }
  }
}
