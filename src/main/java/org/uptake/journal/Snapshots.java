package org.uptake.journal;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.persistence.typed.PersistenceId;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a run's snapshots back as resume would: a snapshot that does not decode would stop the run from being
 * resumed, so {@code uptake check} reports it (the events alone still rebuild the outputs).
 */
public final class Snapshots {
  private Snapshots() {}

  /** One line per snapshot of {@code entities} that cannot be decoded. */
  public static List<String> undecodable(JournalSettings db, ActorSystem<?> system, List<PersistenceId> entities) {
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
    String q = db.dialect() == JournalSettings.Dialect.H2 ? "\"" : "";
    String sql = "SELECT " + q + "sequence_number" + q + ", " + q + "snapshot_ser_id" + q + ", " + q
        + "snapshot_ser_manifest" + q + ", " + q + "snapshot_payload" + q + " FROM "
        + JournalSchema.table(db, "snapshot") + " WHERE " + q + "persistence_id" + q + " = ?";
    List<String> problems = new ArrayList<>();
    try (Connection c = JournalSchema.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
      for (PersistenceId pid : entities) {
        s.setString(1, pid.id());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            try {
              serialization.deserialize(rs.getBytes(4), rs.getInt(2), rs.getString(3)).get();
            } catch (Exception e) {
              problems.add(pid.id() + "'s snapshot at event " + rs.getLong(1) + " cannot be decoded ("
                  + e.getClass().getSimpleName() + "); `uptake resume` would fail on it");
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new JournalException("cannot read the snapshots in " + db.describe() + ": " + e.getMessage(), e);
    }
    return problems;
  }
}
