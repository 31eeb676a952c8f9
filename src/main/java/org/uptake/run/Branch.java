package org.uptake.run;

import java.util.List;
import java.util.Map;
import org.uptake.organisation.DepartmentReport;
import org.uptake.organisation.Executive;
import org.uptake.organisation.People;

/**
 * Where a branch starts: its parent run and tick, the overrides it applies from the next tick on, and the
 * parent's state at the end of that tick (people per department, executives, the clock's last counts and
 * goal indices), all read from the parent's journal.
 */
public record Branch(String parentRun, int tick, List<String> overrides, Map<String, People> people,
    Map<String, Executive.State> executives, List<DepartmentReport> reports, List<Double> goals) {}
