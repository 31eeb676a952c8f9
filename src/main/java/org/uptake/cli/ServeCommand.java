package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.report.OutputFolder;
import org.uptake.workbench.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `uptake serve`: the workbench in a browser, on the same journal as the other commands. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the workbench: a page to set up a scenario (its levers, your own org chart) and save it, "
        + "run it and watch its curves, departments and executives' acts week by week, cancel and resume runs, "
        + "branch a run at a clicked week, read a department's or a person's story, compare strategies over the "
        + "same seeds, and open any run in the journal with its report, tables and event log. Prints the page's "
        + "address (with its access token) and serves until Ctrl-C; runs going then are left interrupted, "
        + "resumable from the page.",
        "Example: uptake serve   (then open the printed address)"})
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JournalOptions journal;

  @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 picks a free one "
      + "(default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: "
      + "${DEFAULT-VALUE}, this machine only). Any other needs --token.")
  String host;

  @Option(names = "--token", description = "The access token the page must present (default: a fresh random one, "
      + "printed in the address). Anyone with it can run and read runs.")
  String token;

  @Option(names = "--workspace", defaultValue = "workbench", paramLabel = "DIR",
      description = "Where the runs started here write their outputs, under runs/ (default: ${DEFAULT-VALUE}).")
  Path workspace;

  @Option(names = "--scenarios", defaultValue = "simulations", paramLabel = "DIR",
      description = "The scenarios the page offers (default: ${DEFAULT-VALUE}).")
  Path scenarios;

  @Option(names = "--jobs", description = "Runs at once; the rest wait their turn (default: the processors, "
      + "${DEFAULT-VALUE}).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) throw new Errors.UsageException("--port " + port + ": expected 0 to 65535");
    if (jobs < 1) throw new Errors.UsageException("--jobs " + jobs + ": expected a whole number >= 1");
    if (!Server.loopback(host) && token == null) {
      throw new Errors.UsageException("--host " + host + ": other machines could reach the workbench; give --token "
          + "SECRET as well (at least 16 characters), and give the address only to those who may run and read runs");
    }
    if (token != null && token.length() < 16) throw new Errors.UsageException("--token: expected 16 characters or more");
    if (!java.nio.file.Files.isDirectory(scenarios)) {
      throw new Errors.UsageException("--scenarios " + scenarios + ": not a folder (run from Uptake's folder, or "
          + "give the folder of your scenarios)");
    }
    OutputFolder.check(workspace.resolve("runs"));
    PrintWriter err = spec.commandLine().getErr();
    try (JournalSession session = JournalSession.open(journal.settings());
        Interruption interruption = Interruption.install(err);
        Server server = Server.start(session, scenarios, workspace, jobs, host, port, token, interruption)) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Workbench: " + server.address());
      out.println("Open that address in a browser; Ctrl-C stops the server.");
      out.flush();
      while (!interruption.requested()) Thread.sleep(200);
      // Closing the server stops the runs going at their next week (left interrupted) and waits for them.
      return Interruption.EXIT_STATUS;
    }
  }
}
