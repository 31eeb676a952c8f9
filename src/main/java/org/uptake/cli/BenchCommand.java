package org.uptake.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.bench.Bench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `uptake bench`: the options of bench.Bench, which measures. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks the engine (warm, repeated, medians) and prints how time and heap grow with size.",
        "Example: uptake bench --people 10000,100000 --repeat 3"})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--people", split = ",", defaultValue = "10000", paramLabel = "N[,N...]",
      description = "Organisation sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--ticks", defaultValue = "104", description = "Ticks per run (default: ${DEFAULT-VALUE}).")
  int ticks;

  @Option(names = "--department-size", defaultValue = "500",
      description = "People per department (default: ${DEFAULT-VALUE}).")
  int departmentSize;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured runs per size (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--parts", split = ",", defaultValue = "organisational,bass,journal",
      description = "What to measure: organisational (with replay, and the journal's size against plain rows), "
          + "bass (engine vs plain loop), journal (writes vs plain insert) (default: ${DEFAULT-VALUE}).")
  List<String> parts;

  @Option(names = "--dir", defaultValue = "target/bench", description = "Scratch folder for journals (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    for (String p : parts) {
      if (!Bench.PARTS.contains(p)) {
        throw new Errors.UsageException("--parts " + p + ": expected organisational, bass or journal");
      }
    }
    if (repeat < 1 || warmup < 0) throw new Errors.UsageException("--repeat: expected >= 1; --warmup: >= 0");
    new Bench(new Bench.Settings(sizes, ticks, departmentSize, repeat, warmup, dir), spec.commandLine().getOut())
        .run(parts);
    return 0;
  }
}
