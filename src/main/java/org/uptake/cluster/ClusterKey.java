package org.uptake.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.uptake.journal.JournalFile;

/**
 * What a cluster member proves it belongs with: a key store (PKCS12, one self-signed key and certificate) and its
 * password, in a folder readable by its owner only. Members talk over Artery's TLS transport with mutual
 * authentication, each presenting this certificate and trusting only it: a process without the folder cannot join,
 * or even connect. The default folder ({@code ~/.config/uptake/cluster}) is made the first time; members on other
 * machines need a copy of it (or --cluster-key naming one).
 */
public final class ClusterKey {
  static final String STORE = "key.p12";
  static final String PASSWORD = "password";

  private final Path folder;
  private final String password;

  private ClusterKey(Path folder, String password) {
    this.folder = folder;
    this.password = password;
  }

  public static Path defaultFolder() {
    return JournalFile.configFolder().resolve("cluster");
  }

  /** Whether {@code folder} holds a cluster key already. */
  public static boolean exists(Path folder) {
    return Files.isRegularFile(folder.resolve(STORE)) && Files.isRegularFile(folder.resolve(PASSWORD));
  }

  /** The key in {@code folder}, made there first if it has none (never replacing what is there). */
  public static ClusterKey at(Path folder) {
    try {
      if (!exists(folder)) make(folder);
      String password = Files.readString(folder.resolve(PASSWORD), StandardCharsets.UTF_8).strip();
      return new ClusterKey(folder, password);
    } catch (IOException e) {
      throw new IllegalArgumentException("the cluster key in " + folder + " cannot be read or made: " + e.getMessage()
          + "; give --cluster-key a folder holding key.p12 and password (made by the first member) or an empty one");
    }
  }

  public Path folder() {
    return folder;
  }

  /** Artery over TLS 1.3, both sides presenting and trusting this key only. */
  public Config config() {
    String store = folder.resolve(STORE).toAbsolutePath().toString();
    return ConfigFactory.parseMap(Map.of(
        "akka.remote.artery.transport", "tls-tcp",
        "akka.remote.artery.ssl.config-ssl-engine.key-store", store,
        "akka.remote.artery.ssl.config-ssl-engine.trust-store", store,
        "akka.remote.artery.ssl.config-ssl-engine.key-store-password", password,
        "akka.remote.artery.ssl.config-ssl-engine.key-password", password,
        "akka.remote.artery.ssl.config-ssl-engine.trust-store-password", password,
        "akka.remote.artery.ssl.config-ssl-engine.protocol", "TLSv1.3",
        "akka.remote.artery.ssl.config-ssl-engine.require-mutual-authentication", "on"))
        .withValue("akka.remote.artery.ssl.config-ssl-engine.enabled-algorithms",
            ConfigValueFactory.fromIterable(List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")));
  }

  /**
   * Makes the key with the JDK's keytool in a folder of its own, then moves that into place: two members started
   * at once on one machine end up with one key, the first moved.
   */
  private static void make(Path folder) throws IOException {
    Path parent = folder.toAbsolutePath().getParent();
    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    if (Files.isDirectory(folder)) {
      try (var entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(folder + " holds other files; give --cluster-key an empty folder or one with a key");
        }
      }
    }
    Path tmp = Files.createTempDirectory(parent, "." + folder.getFileName() + "-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      Path passwordFile = Files.createFile(tmp.resolve(PASSWORD),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      // The password is read from its file, never given on the command line (where `ps` would show it).
      Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "uptake-cluster", "-keyalg", "EC",
          "-groupname", "secp256r1", "-dname", "CN=uptake cluster member", "-validity", "36500", "-storetype",
          "PKCS12", "-keystore", tmp.resolve(STORE).toString(), "-storepass:file", passwordFile.toString(),
          "-keypass:file", passwordFile.toString()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) throw new IOException("keytool failed: " + output.strip());
      Files.setPosixFilePermissions(tmp.resolve(STORE), PosixFilePermissions.fromString("rw-------"));
      try {
        // An empty folder the user named is replaced by the key's.
        if (Files.isDirectory(folder)) Files.delete(folder);
        Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // Another member made it first: its key is the one.
        if (!exists(folder)) throw raced;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the cluster key", e);
    } finally {
      if (Files.exists(tmp)) {
        try (var entries = Files.list(tmp)) {
          for (Path f : entries.toList()) Files.delete(f);
        }
        Files.delete(tmp);
      }
    }
  }
}
