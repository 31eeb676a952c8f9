package org.uptake.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uptake.scenario.Scenario.DepartmentSpec;

/**
 * A strategist's own organisation: an org-chart CSV ({@code person_id,department,manager_id,role}, role one
 * of head, manager, staff; manager_id empty for department heads) and optionally an edge list of informal
 * ties ({@code person_a,person_b}). Rows keep the file's order, which fixes person numbering.
 */
public record OrgChart(List<Row> rows) {
  public enum Role { HEAD, MANAGER, STAFF }

  public record Row(String id, String department, String manager, Role role, int line) {}

  public List<DepartmentSpec> departments() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    rows.forEach(r -> counts.merge(r.department(), 1, Integer::sum));
    List<DepartmentSpec> out = new ArrayList<>();
    counts.forEach((name, n) -> out.add(new DepartmentSpec(name, name.toLowerCase(Locale.ROOT), n)));
    return out;
  }

  /**
   * The first control character in {@code s} (an ANSI or OSC escape could rewrite a terminal's screen), or -1;
   * line breaks and tabs are allowed where {@code breaks}.
   */
  public static int controlCharacter(String s, boolean breaks) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (breaks && (c == '\n' || c == '\t')) continue;
      if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return c;
    }
    return -1;
  }

  public static OrgChart read(Path file) {
    List<CsvRows.Record> records = CsvRows.read(file, List.of("person_id", "department", "manager_id", "role"));
    List<Row> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (CsvRows.Record record : records) {
      Map<String, String> r = record.values();
      int line = record.line();
      String id = r.getOrDefault("person_id", "");
      String where = file + ":" + line + ": ";
      for (String column : List.of("person_id", "department", "manager_id", "role")) {
        int control = controlCharacter(r.getOrDefault(column, ""), false);
        if (control >= 0) {
          throw new ScenarioException(where + column + String.format(": contains the control character U+%04X; names "
              + "are printed on terminals and written to spreadsheets, so they hold printable characters only", control));
        }
      }
      if (id.isEmpty()) throw new ScenarioException(where + "person_id: expected a non-empty id");
      if (!ids.add(id)) throw new ScenarioException(where + "person_id: '" + id + "' appears twice");
      String dept = r.getOrDefault("department", "");
      if (dept.isEmpty()) throw new ScenarioException(where + "department: expected a department name");
      Role role;
      try {
        role = Role.valueOf(r.getOrDefault("role", "").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ScenarioException(where + "role: expected head, manager or staff, got '" + r.get("role") + "'");
      }
      rows.add(new Row(id, dept, r.getOrDefault("manager_id", ""), role, line));
    }
    if (rows.isEmpty()) throw new ScenarioException(file + ": the org chart has no people");
    Map<String, Row> heads = new HashMap<>();
    for (Row r : rows) {
      if (r.role() != Role.HEAD) continue;
      Row other = heads.putIfAbsent(r.department(), r);
      if (other != null) {
        throw new ScenarioException(file + ":" + r.line() + ": role: department " + r.department() + " already has "
            + "a head, " + other.id() + " (line " + other.line() + "); a department has one head, so give "
            + r.id() + " the role manager and a manager_id");
      }
    }
    Map<String, Row> byId = new HashMap<>();
    rows.forEach(r -> byId.put(r.id(), r));
    for (Row r : rows) {
      String where = file + ":" + r.line() + ": ";
      if (!r.manager().isEmpty() && !byId.containsKey(r.manager())) {
        throw new ScenarioException(where + "manager_id: no person '" + r.manager() + "' in the org chart");
      }
      if (r.manager().isEmpty() && r.role() != Role.HEAD) {
        throw new ScenarioException(where + "manager_id: only a department head may have no manager");
      }
    }
    checkNoLoops(file, rows, byId);
    return new OrgChart(List.copyOf(rows));
  }

  /**
   * Each person's reporting line reaches a head without coming back to anyone. Every person is walked over once:
   * a walk stops at the first person already known to reach a head.
   */
  private static void checkNoLoops(Path file, List<Row> rows, Map<String, Row> byId) {
    Map<String, Boolean> reachesHead = new HashMap<>(); // false while on the current walk
    List<Row> walk = new ArrayList<>();
    for (Row r : rows) {
      walk.clear();
      for (Row m = r; m != null && !Boolean.TRUE.equals(reachesHead.get(m.id())); ) {
        if (reachesHead.containsKey(m.id())) {
          throw new ScenarioException(file + ":" + r.line() + ": manager_id: reporting lines form a loop through '"
              + m.id() + "' (line " + m.line() + ")");
        }
        reachesHead.put(m.id(), false);
        walk.add(m);
        m = m.manager().isEmpty() ? null : byId.get(m.manager());
      }
      walk.forEach(m -> reachesHead.put(m.id(), true));
    }
  }

  /** Reads informal ties, checking that both ends name people of the org chart. */
  public List<String[]> readTies(Path file) {
    Set<String> ids = new HashSet<>();
    rows.forEach(r -> ids.add(r.id()));
    List<String[]> ties = new ArrayList<>();
    for (CsvRows.Record record : CsvRows.read(file, List.of("person_a", "person_b"))) {
      Map<String, String> r = record.values();
      int line = record.line();
      String a = r.getOrDefault("person_a", "");
      String b = r.getOrDefault("person_b", "");
      for (String end : List.of(a, b)) {
        if (!ids.contains(end)) {
          throw new ScenarioException(file + ":" + line + ": no person '" + end + "' in the org chart");
        }
      }
      if (!a.equals(b)) ties.add(new String[] {a, b});
    }
    return ties;
  }
}
