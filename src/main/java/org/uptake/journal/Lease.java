package org.uptake.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.uptake.RuntimeSettings;

/**
 * Who is writing a run (or a sweep) now, kept in the journal itself so that it holds across processes and machines
 * on H2 and on PostgreSQL: a row with its writer's host and process and a heartbeat renewed every few seconds. A run
 * with a live lease is "running": `runs` says so, and `resume`, `rm` and `branch` refuse it, so it never gets a
 * second writer. A lease is live while its heartbeat is recent, unless its process is known to be gone (same host,
 * process no longer alive: a killed run can be resumed at once).
 */
public final class Lease implements AutoCloseable {
  static final Duration HEARTBEAT = RuntimeSettings.get().leaseHeartbeat();
  /** A heartbeat older than this is a writer that died on another machine. */
  static final Duration STALE = RuntimeSettings.get().leaseStale();
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  /** The writer that holds a lease. */
  public record Holder(String owner, String host, long pid, long heartbeat) {
    boolean live(long now) {
      if (host.equals(HOST)) {
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) return false;
      }
      return now - heartbeat <= STALE.toMillis();
    }

    /** "process 123 on this machine" or "process 123 on host-2, seen 4 s ago". */
    public String describe() {
      long ago = Math.max(0, (System.currentTimeMillis() - heartbeat) / 1000);
      return "process " + pid + (host.equals(HOST) ? " on this machine" : " on " + host) + ", seen " + ago + " s ago";
    }
  }

  /** Somebody else is writing it. */
  public static final class Held extends RuntimeException {
    private final Holder holder;

    Held(String name, Holder holder) {
      super(name.replace(":", " ") + " is being written by " + holder.describe());
      this.holder = holder;
    }

    public Holder holder() {
      return holder;
    }
  }

  private final JournalSettings db;
  private final String name;
  private final String owner;
  private final ScheduledExecutorService heartbeat;
  /**
   * The lease's own connection, kept for its heartbeat and its end: opening a new one after the database failed
   * (a full disk) can wait minutes on H2's file lock.
   */
  private Connection conn;

  private Lease(JournalSettings db, String name, String owner, Connection conn) {
    this.db = db;
    this.name = name;
    this.owner = owner;
    this.conn = conn;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "uptake-lease");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The lease of run {@code runId}. */
  public static String run(String runId) {
    return "run:" + runId;
  }

  /** The lease of sweep {@code sweepId}. */
  public static String sweep(String sweepId) {
    return "sweep:" + sweepId;
  }

  /** The lease of fit {@code fitId}. */
  public static String fit(String fitId) {
    return "fit:" + fitId;
  }

  /** The lease of optimisation {@code optimisationId}. */
  public static String optimisation(String optimisationId) {
    return "optimisation:" + optimisationId;
  }

  /** Takes the lease {@code name}, or throws {@link Held} if a live writer has it. */
  public static Lease acquire(JournalSettings db, String name) {
    String owner = UUID.randomUUID().toString();
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Holder> current = holder(db, name, false);
      if (current.isPresent()) {
        if (current.get().live(System.currentTimeMillis())) throw new Held(name, current.get());
        update(db, "DELETE FROM " + t(db) + " WHERE " + c(db, "name") + " = ? AND " + c(db, "owner") + " = ?", name,
            current.get().owner());
      }
      Connection conn = JournalSchema.connect(db);
      try (PreparedStatement st = conn.prepareStatement("INSERT INTO " + t(db) + " (" + c(db, "name") + ", "
              + c(db, "owner") + ", " + c(db, "host") + ", " + c(db, "pid") + ", " + c(db, "heartbeat")
              + ") VALUES (?, ?, ?, ?, ?)")) {
        st.setString(1, name);
        st.setString(2, owner);
        st.setString(3, HOST);
        st.setLong(4, PID);
        st.setLong(5, System.currentTimeMillis());
        st.executeUpdate();
        return new Lease(db, name, owner, conn);
      } catch (SQLException e) {
        // Another writer inserted it first (a duplicate key): look again.
        closeQuietly(conn);
      }
    }
    Holder h = holder(db, name, true).orElseThrow(() -> new JournalException("cannot take the lease of " + name));
    throw new Held(name, h);
  }

  /** Waits up to {@code patience} for a live writer to stop (or die, its heartbeat going stale), then takes it. */
  public static Lease acquire(JournalSettings db, String name, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        return acquire(db, name);
      } catch (Held e) {
        if (System.nanoTime() > deadline) throw e;
        try {
          Thread.sleep(1000);
        } catch (InterruptedException i) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The live writer of {@code name}, if any. */
  public static Optional<Holder> live(JournalSettings db, String name) {
    return holder(db, name, true);
  }

  /** Every live lease, by name: one query for a listing. */
  public static Map<String, Holder> live(JournalSettings db) {
    Map<String, Holder> out = new HashMap<>();
    long now = System.currentTimeMillis();
    try (Connection conn = JournalSchema.connect(db);
        PreparedStatement st = conn.prepareStatement("SELECT " + columns(db) + " FROM " + t(db));
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        Holder h = new Holder(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
        if (h.live(now)) out.put(rs.getString(1), h);
      }
    } catch (SQLException e) {
      if (missingTable(e)) return out;
      throw new JournalException("cannot read who is writing in " + db.describe() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static Optional<Holder> holder(JournalSettings db, String name, boolean onlyLive) {
    try (Connection conn = JournalSchema.connect(db);
        PreparedStatement st = conn.prepareStatement("SELECT " + columns(db) + " FROM " + t(db) + " WHERE "
            + c(db, "name") + " = ?")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        Holder h = new Holder(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5));
        return onlyLive && !h.live(System.currentTimeMillis()) ? Optional.empty() : Optional.of(h);
      }
    } catch (SQLException e) {
      if (missingTable(e)) return Optional.empty();
      throw new JournalException("cannot read who is writing in " + db.describe() + ": " + e.getMessage(), e);
    }
  }

  private synchronized void beat() {
    try (PreparedStatement st = conn.prepareStatement("UPDATE " + t(db) + " SET " + c(db, "heartbeat") + " = ? WHERE "
        + c(db, "name") + " = ? AND " + c(db, "owner") + " = ?")) {
      st.setLong(1, System.currentTimeMillis());
      st.setString(2, name);
      st.setString(3, owner);
      st.executeUpdate();
    } catch (SQLException e) {
      // A heartbeat missed (the database busy or its disk full) only makes the run look idle for a while. A server
      // may have dropped the connection: the next beat has a new one.
      if (db.dialect() != JournalSettings.Dialect.H2) {
        closeQuietly(conn);
        try {
          conn = JournalSchema.connect(db);
        } catch (JournalException again) {
          // Tried again at the next beat.
        }
      }
    }
  }

  /** Gives the lease up. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    synchronized (this) {
      try (PreparedStatement st = conn.prepareStatement("DELETE FROM " + t(db) + " WHERE " + c(db, "name") + " = ? AND "
          + c(db, "owner") + " = ?")) {
        st.setString(1, name);
        st.setString(2, owner);
        st.executeUpdate();
      } catch (SQLException e) {
        // Left behind, it is stale once this process has ended.
      }
      closeQuietly(conn);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing more to give back.
    }
  }

  private static void update(JournalSettings db, String sql, Object... args) {
    try (Connection conn = JournalSchema.connect(db); PreparedStatement st = conn.prepareStatement(sql)) {
      for (int k = 0; k < args.length; k++) st.setObject(k + 1, args[k]);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new JournalException("cannot update who is writing in " + db.describe() + ": " + e.getMessage(), e);
    }
  }

  /** A journal opened read-only that an earlier version made has no lease table: nobody writes it. */
  private static boolean missingTable(SQLException e) {
    return e.getErrorCode() == 42104 || "42P01".equals(e.getSQLState());
  }

  private static String columns(JournalSettings db) {
    return String.join(", ", c(db, "name"), c(db, "owner"), c(db, "host"), c(db, "pid"), c(db, "heartbeat"));
  }

  private static String t(JournalSettings db) {
    return JournalSchema.table(db, "uptake_lease");
  }

  private static String c(JournalSettings db, String column) {
    return JournalSchema.table(db, column);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
