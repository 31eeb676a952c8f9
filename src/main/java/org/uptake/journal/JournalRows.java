package org.uptake.journal;

import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.uptake.CborSerializable;

/**
 * The journal's events read with plain JDBC from akka-persistence-jdbc's {@code event_journal} table, each decoded as
 * its row's serializer wrote it: a department's events by {@link DepartmentCodec}; the others, and every event of a
 * run recorded before that codec, as Akka's Jackson CBOR serializer (id 33) wrote them, the CBOR of the class the
 * manifest names, uncompressed (akka.serialization.jackson's default for CBOR), read with the same modules and
 * settings as Akka's mapper (reference.conf of akka-serialization-jackson 2.6.21: fields visible, unknown
 * properties ignored). Reading needs no actor system, so commands that only read start in a fraction of the time
 * (docs/performance.md), and a whole entity comes in one query instead of a stream. {@code JournalRowsTest} checks
 * every kind of event decodes to what Akka Persistence Query gives.
 */
final class JournalRows {
  /** akka.serialization.jackson.JacksonCborSerializer's identifier. */
  static final int JACKSON_CBOR = 33;

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory())
      .registerModule(new ParameterNamesModule())
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private JournalRows() {}

  /** A payload that cannot be decoded: the database answered, the run is damaged. */
  static final class Undecodable extends RuntimeException {
    Undecodable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Every persistence id in the journal. */
  static List<String> persistenceIds(Connection c, JournalSettings db) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT " + col(db, "persistence_id") + " FROM "
        + JournalSchema.table(db, "event_journal") + " WHERE " + col(db, "deleted") + " = FALSE");
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  /** The events of {@code pid} with sequence numbers up to {@code max}, in order. */
  static List<EventEnvelope> events(Connection c, JournalSettings db, String pid, long max) throws SQLException {
    List<EventEnvelope> out = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement("SELECT " + col(db, "ordering") + ", " + col(db, "sequence_number")
        + ", " + col(db, "write_timestamp") + ", " + col(db, "event_ser_id") + ", " + col(db, "event_ser_manifest") + ", "
        + col(db, "event_payload") + " FROM " + JournalSchema.table(db, "event_journal") + " WHERE "
        + col(db, "persistence_id") + " = ? AND " + col(db, "sequence_number") + " <= ? AND " + col(db, "deleted")
        + " = FALSE ORDER BY " + col(db, "sequence_number"))) {
      st.setString(1, pid);
      st.setLong(2, max);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(2);
          Object event = decode(rs.getInt(4), rs.getString(5), rs.getBytes(6), pid, seq);
          out.add(new EventEnvelope(Offset.sequence(rs.getLong(1)), pid, seq, event, rs.getLong(3)));
        }
      }
    }
    return out;
  }

  /** The events of many entities, by persistence id in order; the ids of those with an event that does not decode. */
  record Batch(Map<String, List<EventEnvelope>> events, Set<String> undecodable) {}

  /**
   * The events of every entity whose persistence id starts with {@code prefix}, in one query: by persistence id,
   * each in sequence order. An entity with an event that does not decode is in {@code undecodable}.
   */
  static Batch eventsByPrefix(Connection c, JournalSettings db, String prefix) throws SQLException {
    Map<String, List<EventEnvelope>> out = new TreeMap<>();
    Set<String> undecodable = new HashSet<>();
    try (PreparedStatement st = c.prepareStatement("SELECT " + col(db, "persistence_id") + ", " + col(db, "ordering")
        + ", " + col(db, "sequence_number") + ", " + col(db, "write_timestamp") + ", " + col(db, "event_ser_id") + ", "
        + col(db, "event_ser_manifest") + ", " + col(db, "event_payload") + " FROM "
        + JournalSchema.table(db, "event_journal") + " WHERE " + col(db, "persistence_id") + " LIKE ? AND "
        + col(db, "deleted") + " = FALSE ORDER BY " + col(db, "persistence_id") + ", " + col(db, "sequence_number"))) {
      st.setString(1, prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String pid = rs.getString(1);
          List<EventEnvelope> events = out.computeIfAbsent(pid, k -> new ArrayList<>());
          if (undecodable.contains(pid)) continue;
          long seq = rs.getLong(3);
          try {
            Object event = decode(rs.getInt(5), rs.getString(6), rs.getBytes(7), pid, seq);
            events.add(new EventEnvelope(Offset.sequence(rs.getLong(2)), pid, seq, event, rs.getLong(4)));
          } catch (Undecodable e) {
            undecodable.add(pid);
          }
        }
      }
    }
    return new Batch(out, undecodable);
  }

  static Object decode(int serializer, String manifest, byte[] payload, String pid, long seq) {
    if (serializer != JACKSON_CBOR && serializer != DepartmentSerializer.IDENTIFIER) {
      throw new Undecodable("event " + seq + " of " + pid + " was written by serializer " + serializer
          + ", neither Jackson CBOR (" + JACKSON_CBOR + ") nor Uptake's department encoding ("
          + DepartmentSerializer.IDENTIFIER + ")", null);
    }
    // A manifest may carry a migration's version after '#'.
    String name = manifest.contains("#") ? manifest.substring(0, manifest.indexOf('#')) : manifest;
    Class<?> type;
    try {
      type = Class.forName(name, false, JournalRows.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new Undecodable("event " + seq + " of " + pid + " names the unknown class " + name, e);
    }
    // As Akka's serializer, decode only the classes meant to be persisted (a payload names its own class).
    if (!CborSerializable.class.isAssignableFrom(type)) {
      throw new Undecodable("event " + seq + " of " + pid + " names " + name + ", which is not an Uptake event", null);
    }
    try {
      return serializer == JACKSON_CBOR ? CBOR.readValue(payload, type) : DepartmentCodec.decode(type, payload);
    } catch (IOException | RuntimeException e) {
      throw new Undecodable("event " + seq + " of " + pid + " does not decode as " + name, e);
    }
  }

  private static String col(JournalSettings db, String name) {
    return JournalSchema.table(db, name);
  }
}
