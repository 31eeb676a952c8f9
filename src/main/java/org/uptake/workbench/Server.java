package org.uptake.workbench;

import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.uptake.BadInput;
import org.uptake.experiment.JournalSession;
import org.uptake.run.Brake;

/** The workbench served on one address: its routes bound over the journal session's actor system. */
public final class Server implements AutoCloseable {
  private final Workbench bench;
  private final ServerBinding binding;
  private final String token;

  private Server(Workbench bench, ServerBinding binding, String token) {
    this.bench = bench;
    this.binding = binding;
    this.token = token;
  }

  /**
   * Serves a workbench on {@code host}:{@code port} (0: any free port) with {@code token} (null: a fresh random one).
   * Refused (BadInput) if the port is taken. Its runs stop, left interrupted, once {@code stop} says so.
   */
  public static Server start(JournalSession session, Path scenarios, Path workspace, int jobs, String host, int port,
      String token, Brake stop) throws InterruptedException {
    String key = token != null ? token : fresh();
    Workbench bench = new Workbench(session, scenarios, workspace, jobs, stop);
    try {
      ServerBinding binding = Http.get(session.system()).newServerAt(host, port).bind(new Routes(bench, key).route())
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      return new Server(bench, binding, key);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      bench.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new BadInput("--host " + host + " --port " + port + ": cannot listen there (" + cause.getMessage()
          + "); choose another --port");
    }
  }

  /** Whether {@code host} names only this machine. */
  public static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new BadInput("--host " + host + ": not a known host name or address");
    }
  }

  private static String fresh() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** The page's address with its token, to print or open. */
  public String address() {
    String host = binding.localAddress().getAddress().getHostAddress();
    if (host.contains(":")) host = "[" + host + "]";
    return "http://" + host + ":" + port() + "/?token=" + token;
  }

  public Workbench workbench() {
    return bench;
  }

  @Override
  public void close() throws Exception {
    bench.close();
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
