package org.uptake.scenario;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
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

  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES);

  public List<DepartmentSpec> departments() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    rows.forEach(r -> counts.merge(r.department(), 1, Integer::sum));
    List<DepartmentSpec> out = new ArrayList<>();
    counts.forEach((name, n) -> out.add(new DepartmentSpec(name, name.toLowerCase(Locale.ROOT), n)));
    return out;
  }

  public static OrgChart read(Path file) {
    List<Map<String, String>> records = readCsv(file, List.of("person_id", "department", "manager_id", "role"));
    List<Row> rows = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int line = 1;
    for (Map<String, String> r : records) {
      line++;
      String id = r.getOrDefault("person_id", "");
      String where = file + ":" + line + ": ";
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
      Set<String> seen = new HashSet<>();
      for (Row m = r; !m.manager().isEmpty(); m = byId.get(m.manager())) {
        if (!seen.add(m.id())) {
          throw new ScenarioException(where + "manager_id: reporting lines form a loop through '" + m.id() + "'");
        }
      }
    }
    return new OrgChart(List.copyOf(rows));
  }

  /** Reads informal ties, checking that both ends name people of the org chart. */
  public List<String[]> readTies(Path file) {
    Set<String> ids = new HashSet<>();
    rows.forEach(r -> ids.add(r.id()));
    List<String[]> ties = new ArrayList<>();
    int line = 1;
    for (Map<String, String> r : readCsv(file, List.of("person_a", "person_b"))) {
      line++;
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

  private static List<Map<String, String>> readCsv(Path file, List<String> columns) {
    if (!Files.isRegularFile(file)) throw new ScenarioException(file + ": no such file");
    try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      List<Map<String, String>> out = it.readAll();
      if (!out.isEmpty() && !out.get(0).keySet().containsAll(columns)) {
        throw new ScenarioException(file + ":1: expected the header " + String.join(",", columns)
            + ", got " + String.join(",", out.get(0).keySet()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ScenarioException se) throw se;
      throw new ScenarioException(file + ": not a readable CSV file (" + e.getMessage() + ")");
    }
  }
}
