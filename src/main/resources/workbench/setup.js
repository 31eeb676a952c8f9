// Scenario set-up: the chosen scenario's organisation and strategy levers, an org chart of one's own, and saving
// the result as a scenario file. Every change is checked by the server, which loads the draft as `uptake run` would.
"use strict";
const setup = { draft: null, organisation: null, original: null, help: { levers: {}, kinds: {} }, timer: null };

const LEVER_FIELDS = [
  ["strategy", "Strategy label", "select", ["edges", "mandate", "cross-functional-team", "custom"]],
  ["measurement", "What executives measure", "select", ["clicks", "business-goal"]],
  ["goalStrength", "Goal strength (0 to 1)", "number", "goal.strength"],
];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function hint(key) {
  const text = setup.help.levers[key] || "";
  return text ? el("span", { class: "hint" }, " " + text) : "";
}

function problemSlot(field) {
  return el("p", { class: "error problem", dataset: { field } });
}

function departmentNames() {
  return setup.organisation ? setup.organisation.departments.map((d) => d.name) : [];
}

// A set of checkboxes, one per department, and "all" where the list may cover everyone.
function departmentChoice(chosen, withAll, onChange) {
  const box = el("div", { class: "choices" });
  const names = withAll ? ["all", ...departmentNames()] : departmentNames();
  for (const name of names) {
    const input = el("input", { type: "checkbox", value: name });
    input.checked = chosen.includes(name);
    input.addEventListener("change", () => {
      if (withAll && name === "all" && input.checked) {
        box.querySelectorAll("input").forEach((i) => { if (i.value !== "all") i.checked = false; });
      } else if (withAll && input.checked) {
        box.querySelector("input[value=all]").checked = false;
      }
      onChange([...box.querySelectorAll("input:checked")].map((i) => i.value));
    });
    box.append(el("label", {}, input, " " + name));
  }
  return box;
}

function numberInput(value, attrs, onChange) {
  const input = el("input", Object.assign({ type: "number", value: String(value) }, attrs));
  input.addEventListener("input", () => { if (input.value !== "") onChange(Number(input.value)); });
  return input;
}

async function openSetup(file) {
  const checked = await api(`/setup?scenario=${encodeURIComponent(file)}`);
  setup.original = JSON.stringify(checked.draft.levers);
  $("org-chart-file").value = "";
  $("ties-file").value = "";
  $("save-name").value = "";
  showChecked(checked);
}

function dirty() {
  return setup.draft && (setup.draft.orgChart != null || JSON.stringify(setup.draft.levers) !== setup.original);
}

function showChecked(checked) {
  setup.draft = checked.draft;
  if (checked.organisation) setup.organisation = checked.organisation;
  renderOrganisation();
  renderLevers();
  showProblems(checked.problems);
}

function showProblems(problems) {
  document.querySelectorAll(".problem").forEach((p) => { p.textContent = ""; });
  for (const p of problems) {
    const slot = document.querySelector(`.problem[data-field="${CSS.escape(p.field || "")}"]`) ||
      document.querySelector('.problem[data-field="general"]');
    slot.textContent = p.message;
  }
  $("setup-status").textContent = problems.length ? "The scenario cannot run as it is: see the message above." :
    dirty() ? "Changed: save it to run it (it becomes a scenario file the command line runs too)." :
      "As in the scenario's file.";
  $("run").textContent = dirty() ? "Save and run" : "Run";
}

function renderOrganisation() {
  const o = setup.organisation;
  if (!o) return;
  const d = setup.draft;
  const source = d.orgChart ? `from your org chart ${d.orgChartName || ""}` : "as the scenario describes it";
  $("org-summary").textContent = `${o.people} people in ${o.departments.length} departments, ${source}; ` +
    `${o.executives.length} executives (${o.executives.join(", ") || "none"}); ${o.ties} ties, ` +
    `${o.tiesPerPerson.toFixed(1)} per person, ${(100 * o.crossDepartmentShare).toFixed(0)}% across departments.`;
  const table = $("org-departments");
  table.innerHTML = "";
  table.append(el("tr", {}, el("th", {}, "department"), el("th", {}, "function"), el("th", {}, "people")));
  for (const dep of o.departments) {
    table.append(el("tr", {}, el("td", {}, dep.name), el("td", {}, dep.function), el("td", {}, String(dep.headcount))));
  }
  $("org-reset").hidden = !d.orgChart;
}

function changed() {
  setup.edits = (setup.edits || 0) + 1;
  clearTimeout(setup.timer);
  $("run").textContent = dirty() ? "Save and run" : "Run";
  setup.timer = setTimeout(checkDraft, 250);
}

async function checkDraft() {
  try {
    const edits = setup.edits;
    const checked = await api("/setup/check", { method: "POST", body: JSON.stringify({ draft: setup.draft }) });
    // An edit made while the check was on its way is newer than the draft it returns: keep it (its own check
    // follows), or it would be lost from what is saved.
    if (setup.edits !== edits) return checked;
    const before = JSON.stringify(departmentNames());
    setup.draft = checked.draft;
    if (checked.organisation) setup.organisation = checked.organisation;
    renderOrganisation();
    // Redrawn only when the departments changed (a new org chart): a field being typed in keeps its focus.
    if (JSON.stringify(departmentNames()) !== before) renderLevers();
    showProblems(checked.problems);
    return checked;
  } catch (e) {
    showProblems([{ field: "general", message: e.message }]);
    return null;
  }
}

function renderLevers() {
  const l = setup.draft.levers;
  const box = $("levers");
  box.innerHTML = "";
  const general = el("div", { class: "lever-group" }, el("h3", {}, "Strategy and measure"));
  for (const [key, label, kind, extra] of LEVER_FIELDS) {
    const helpKey = kind === "number" ? extra : key;
    let input;
    if (kind === "select") {
      input = el("select", { id: "lever-" + key });
      for (const v of extra) input.append(el("option", { value: v }, v));
      input.value = l[key];
      input.addEventListener("change", () => { l[key] = input.value; changed(); });
    } else {
      input = numberInput(l[key], { id: "lever-" + key, min: "0", max: "1", step: "0.05" }, (v) => { l[key] = v; changed(); });
    }
    general.append(el("label", { for: "lever-" + key }, label, hint(helpKey)), input, problemSlot(helpKey));
  }
  general.append(el("label", {}, "Alignment of each function with the goal (0 to 1)", hint("goal.alignment")));
  const grid = el("div", { class: "alignment" });
  for (const [fn, v] of Object.entries(l.alignment)) {
    grid.append(el("label", {}, fn, numberInput(v, { min: "0", max: "1", step: "0.05", dataset: { function: fn } },
      (x) => { l.alignment[fn] = x; changed(); })));
  }
  general.append(grid, problemSlot("goal.alignment"));

  const edges = el("div", { class: "lever-group" }, el("h3", {}, "From the edges: enthusiasts"),
    el("label", {}, "Enthusiasts", hint("seeding.enthusiasts")),
    numberInput(l.enthusiasts, { id: "lever-enthusiasts", min: "0", step: "1" }, (v) => { l.enthusiasts = v; changed(); }),
    problemSlot("seeding.enthusiasts"),
    el("label", {}, "From departments", hint("seeding.departments")),
    departmentChoice(l.seedDepartments, false, (v) => { l.seedDepartments = v; changed(); }),
    el("label", {}, "In week", hint("seeding.tick")),
    numberInput(l.seedTick, { min: "0", step: "1" }, (v) => { l.seedTick = v; changed(); }),
    problemSlot("seeding.tick"));

  const team = el("div", { class: "lever-group" }, el("h3", {}, "Cross-functional team"),
    el("label", {}, "Departments on the team", hint("team.departments")),
    departmentChoice(l.teamDepartments, false, (v) => { l.teamDepartments = v; changed(); }),
    el("label", {}, "Members from each", hint("team.members-per-department")),
    numberInput(l.teamMembers, { min: "1", step: "1" }, (v) => { l.teamMembers = v; changed(); }),
    el("label", {}, "Starts in week", hint("team.start")),
    numberInput(l.teamStart, { min: "0", step: "1" }, (v) => { l.teamStart = v; changed(); }),
    problemSlot("team.departments"));

  const execs = el("div", { class: "lever-group wide" }, el("h3", {}, "Executives: sponsorship and commitment"),
    el("p", { class: "about" }, "Who sponsors which departments, with what support from the start, and whether " +
      "they commit for the long term or only for a campaign of some weeks, after which their support ends " +
      "whatever the measure says."));
  const et = el("table", { id: "executives" });
  et.append(el("tr", {}, ...["role", "sponsors", "support from the start (0 to 1)", "commitment",
    "campaign length (weeks)"].map((h) => el("th", {}, h))));
  for (const e of l.executives) {
    const commitment = el("select", {}, el("option", { value: "long-term" }, "long-term"),
      el("option", { value: "campaign" }, "a campaign"));
    commitment.value = e.commitment;
    commitment.addEventListener("change", () => { e.commitment = commitment.value; changed(); });
    et.append(el("tr", {}, el("td", {}, e.role),
      el("td", {}, departmentChoice(e.sponsors, true, (v) => { e.sponsors = v; changed(); })),
      el("td", {}, numberInput(e.support, { min: "0", max: "1", step: "0.05" }, (v) => { e.support = v; changed(); })),
      el("td", {}, commitment),
      el("td", {}, numberInput(e.campaignLength, { min: "1", step: "1" }, (v) => { e.campaignLength = v; changed(); }))));
  }
  execs.append(et, problemSlot("executives"));

  const steps = el("div", { class: "lever-group wide" }, el("h3", {}, "Interventions, week by week"),
    el("p", { class: "about" }, "Each acts in the week given (from 1): a mandate, a campaign, sponsorship or a pilot, " +
      "by one executive, for the departments ticked."));
  const st = el("table", { id: "interventions" });
  st.append(el("tr", {}, ...["week", "what", "by", "departments", "settings", ""].map((h) => el("th", {}, h))));
  l.interventions.forEach((s, i) => st.append(stepRow(l, s, i)));
  const add = el("button", { type: "button", id: "add-step" }, "Add an intervention");
  add.addEventListener("click", () => {
    l.interventions.push({ tick: 4, kind: "sponsor", by: (l.executives[0] || { role: "CEO" }).role, departments: ["all"],
      level: 0.6, strength: 0.05, halfLife: 4, reviewAfter: 26, success: 0.25 });
    renderLevers();
    changed();
  });
  steps.append(st, add, problemSlot("interventions"));
  box.append(general, edges, team, execs, steps);
}

function stepRow(l, s, i) {
  const kind = el("select", { class: "step-kind" });
  for (const k of ["mandate", "sponsor", "campaign", "pilot"]) kind.append(el("option", { value: k }, k));
  kind.value = s.kind;
  kind.addEventListener("change", () => { s.kind = kind.value; renderLevers(); changed(); });
  const by = el("select", {});
  for (const e of l.executives) by.append(el("option", { value: e.role }, e.role));
  if (!l.executives.some((e) => e.role === s.by)) by.append(el("option", { value: s.by }, s.by));
  by.value = s.by;
  by.addEventListener("change", () => { s.by = by.value; changed(); });
  const settings = el("div", { class: "step-settings" });
  const num = (label, key, attrs) => settings.append(el("label", {}, label,
    numberInput(s[key], attrs, (v) => { s[key] = v; changed(); })));
  if (s.kind === "sponsor" || s.kind === "pilot") num("level", "level", { min: "0", max: "1", step: "0.05" });
  if (s.kind === "campaign") {
    num("strength", "strength", { min: "0", max: "1", step: "0.01" });
    num("half-life (weeks)", "halfLife", { min: "0.1", step: "1" });
  }
  if (s.kind === "pilot") {
    num("review after (weeks)", "reviewAfter", { min: "1", step: "1" });
    num("success: share active", "success", { min: "0", max: "1", step: "0.05" });
  }
  settings.append(el("p", { class: "about" }, setup.help.kinds[s.kind] || ""));
  const remove = el("button", { type: "button", class: "secondary" }, "Remove");
  remove.addEventListener("click", () => { l.interventions.splice(i, 1); renderLevers(); changed(); });
  return el("tr", {}, el("td", {}, numberInput(s.tick, { min: "1", step: "1", class: "step-week" },
    (v) => { s.tick = v; changed(); })), el("td", {}, kind), el("td", {}, by),
    el("td", {}, departmentChoice(s.departments, true, (v) => { s.departments = v; changed(); })),
    el("td", {}, settings), el("td", {}, remove));
}

async function uploadFile(kind, input) {
  const file = input.files[0];
  if (!file) return;
  showProblems([]);
  $("setup-status").textContent = `Checking ${file.name}…`;
  const response = await fetch(`/api/uploads/${kind}?name=${encodeURIComponent(file.name)}`, {
    method: "POST", headers: { "X-Uptake-Token": token, "Content-Type": "text/csv" }, body: file });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    input.value = "";
    showProblems(body.problems || [{ field: kind, message: body.error || ("the server answered " + response.status) }]);
    return;
  }
  if (kind === "org-chart") {
    setup.draft.orgChart = body.id;
    setup.draft.orgChartName = body.name;
  } else {
    setup.draft.ties = body.id;
    setup.draft.tiesName = body.name;
  }
  await checkDraft();
}

async function saveDraft() {
  const name = $("save-name").value.trim() || `${setup.draft.levers.name} (my version)`;
  const saved = await api("/setup/save", { method: "POST", body: JSON.stringify({ draft: setup.draft, name }) });
  await loadScenarios();
  $("scenario").value = saved.file;
  describeScenario();
  await openSetup(saved.file);
  $("setup-status").textContent = `Saved as ${saved.file} in the workspace's scenarios folder; ` +
    "`uptake run` runs that file as it is.";
  return saved.file;
}

// The scenario a Run runs: the chosen file, or the draft saved first if it was changed.
async function scenarioToRun() {
  if (!dirty()) return $("scenario").value;
  return saveDraft();
}

async function startSetup() {
  setup.help = await api("/help");
  $("org-chart-file").addEventListener("change", () => uploadFile("org-chart", $("org-chart-file"))
    .catch((e) => showProblems([{ field: "org-chart", message: e.message }])));
  $("ties-file").addEventListener("change", () => uploadFile("ties", $("ties-file"))
    .catch((e) => showProblems([{ field: "ties", message: e.message }])));
  $("org-reset").addEventListener("click", () => {
    setup.draft.orgChart = null;
    setup.draft.ties = null;
    $("org-chart-file").value = "";
    $("ties-file").value = "";
    checkDraft();
  });
  $("save").addEventListener("click", () => saveDraft().catch((e) =>
    showProblems(e.problems || [{ field: "general", message: e.message }])));
  $("scenario").addEventListener("change", () => openSetup($("scenario").value).catch(showError));
}

start();
