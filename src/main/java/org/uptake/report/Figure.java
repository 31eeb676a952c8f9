package org.uptake.report;

import java.nio.file.Path;

/**
 * One picture of a report: written as {@code <name>.png} and {@code <name>.svg}; the PNG is also embedded in
 * report.html so the page needs nothing beside it.
 */
public record Figure(String name, String title, String caption, byte[] png, Path pngFile, Path svgFile) {}
