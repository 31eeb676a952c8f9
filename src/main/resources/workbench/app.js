// The workbench page: scenarios, a live run's curve (server-sent events), and the runs in the journal.
"use strict";
const token = new URLSearchParams(location.search).get("token") || "";
const $ = (id) => document.getElementById(id);
let scenarios = [];
let current = null;   // { id, source, weeks: [], active: [], ever: [], goal: [], unit }
let plot = null;

async function api(path, options = {}) {
  const headers = Object.assign({ "X-Uptake-Token": token }, options.body ? { "Content-Type": "application/json" } : {});
  const response = await fetch("/api" + path, Object.assign({}, options, { headers }));
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error || ("the server answered " + response.status));
    error.problems = body.problems;
    throw error;
  }
  return body;
}

function showError(e) { $("error").textContent = e ? e.message : ""; }

function percent(x) { return x == null ? "–" : (100 * x).toFixed(1) + "%"; }

async function loadScenarios() {
  scenarios = await api("/scenarios");
  const select = $("scenario");
  select.innerHTML = "";
  for (const s of scenarios) {
    const option = document.createElement("option");
    option.value = s.file;
    option.textContent = s.name;
    select.appendChild(option);
  }
  describeScenario();
  const choices = $("compare-choices");
  choices.innerHTML = "";
  for (const sc of scenarios) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = sc.file;
    box.checked = ["from-the-edges.conf", "executive-mandate.conf", "cross-functional-team.conf"].includes(sc.file);
    label.append(box, " " + sc.name);
    choices.appendChild(label);
  }
}

const COLOURS = ["#23395d", "#d1495b", "#2a9d8f", "#e09f3e", "#6a4c93", "#5b6576"];
let comparePlot = null;

function drawComparison(view) {
  if (comparePlot) { comparePlot.destroy(); comparePlot = null; }
  const x = Array.from(view.bands[0].x);
  const data = [x];
  const series = [{ label: view.unit }];
  view.bands.forEach((b, i) => {
    const colour = COLOURS[i % COLOURS.length];
    data.push(b.mean, b.low, b.high);
    series.push({ label: b.scenario, stroke: colour, width: 2, value: (u, v) => percent(v) },
      { label: b.scenario + " 95% low", stroke: colour, width: 1, dash: [2, 3], value: (u, v) => percent(v) },
      { label: b.scenario + " 95% high", stroke: colour, width: 1, dash: [2, 3], value: (u, v) => percent(v) });
  });
  comparePlot = new uPlot({
    width: Math.max(320, $("compare-chart").clientWidth - 10), height: 300,
    scales: { x: { time: false }, y: { range: [0, 1] } },
    axes: [{ label: view.unit + "s", incrs: [1, 2, 4, 5, 10, 13, 20, 26, 50, 52, 100, 104, 200, 500, 1000] },
      { label: "share active (mean, 95% interval)", size: 70, values: (u, v) => v.map(percent) }],
    series,
  }, data, $("compare-chart"));
  const table = $("compare-table");
  table.innerHTML = "";
  const head = document.createElement("tr");
  for (const h of ["metric", ...view.scenarios, "best (only where resolved)"]) {
    const th = document.createElement("th");
    th.textContent = h;
    head.appendChild(th);
  }
  table.appendChild(head);
  for (const m of view.metrics) {
    const tr = document.createElement("tr");
    for (const text of [m.label, ...m.values, m.best]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
    }
    table.appendChild(tr);
  }
  $("compare-summary").textContent = view.summary;
}

// A table's one row saying it has none yet.
function emptyRow(body, columns, text) {
  const tr = document.createElement("tr");
  const td = document.createElement("td");
  td.colSpan = columns;
  td.textContent = text;
  tr.appendChild(td);
  body.appendChild(tr);
}

// A row's cells: [text, class] each (the class may be left out).
function cells(tr, items) {
  for (const [text, cls] of items) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
  }
}

async function loadComparisons() {
  const list = await api("/comparisons");
  const body = document.querySelector("#comparisons tbody");
  body.innerHTML = "";
  if (list.length === 0) {
    emptyRow(body, 4, "None yet: comparisons started here are kept, and listed here after a restart too.");
  }
  for (const c of list) {
    const tr = document.createElement("tr");
    tr.dataset.comparison = c.id;
    cells(tr, [[c.id], [c.scenarios.join(", ")], [c.seeds], [c.status, "status-" + c.status]]);
    if (c.status === "interrupted") {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = "Resume";
      button.addEventListener("click", async (e) => {
        e.stopPropagation();
        $("compare-error").textContent = "";
        try {
          await api(`/comparisons/${encodeURIComponent(c.id)}/resume`, { method: "POST" });
          $("compare-run").disabled = true;
          await followComparison(c.id);
        } catch (err) { $("compare-error").textContent = err.message; }
      });
      tr.lastChild.append(" ", button);
    }
    tr.addEventListener("click", () => {
      $("compare-error").textContent = "";
      followComparison(c.id).catch((e) => { $("compare-error").textContent = e.message; });
    });
    body.appendChild(tr);
  }
}

async function followComparison(id) {
  const state = await api(`/comparisons/${encodeURIComponent(id)}`);
  if (state.status === "finished") {
    $("compare-status").textContent = `Finished: ${state.total} runs (comparison ${id}).`;
    $("compare-run").disabled = false;
    drawComparison(state.result);
    loadRuns();
    loadComparisons();
  } else if (state.status === "queued" || state.status === "running") {
    $("compare-status").textContent = `Running: ${state.done} of ${state.total} runs done…`;
    setTimeout(() => followComparison(id).catch((e) => { $("compare-error").textContent = e.message; }), 400);
  } else {
    $("compare-status").textContent = `Comparison ${id} ${state.status}: ${state.message || ""}`;
    $("compare-run").disabled = false;
    loadComparisons();
  }
}

function describeScenario() {
  const s = scenarios.find((x) => x.file === $("scenario").value);
  if (!s) return;
  $("scenario-about").textContent = `${s.people} people in ${s.departments.length} departments (` +
    `${s.departments.join(", ")}); strategy: ${s.strategy}; ${s.ticks} ${s.unit}s.`;
  $("ticks").placeholder = s.ticks;
  $("seed").placeholder = "the scenario's own";
  $("ticks-unit").textContent = s.unit + "s";
}

// The letter each kind of executive act is marked with on the time axis.
const MARKS = { mandate: "M", campaign: "C", sponsorship: "S", "support lowered": "L", withdrawal: "W",
  pilot: "P", "pilot review": "R" };

// Draws a dashed line at each week an executive acted, with the acts' letters at its top.
function drawMarkers(u) {
  const ctx = u.ctx;
  ctx.save();
  ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
  ctx.textAlign = "center";
  current.weeks.forEach((w, i) => {
    const acts = current.acts[i] || [];
    if (acts.length === 0) return;
    const x = u.valToPos(w, "x", true);
    ctx.strokeStyle = "#e09f3e";
    ctx.lineWidth = devicePixelRatio;
    ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(x, u.bbox.top);
    ctx.lineTo(x, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.fillStyle = "#9a6a1c";
    const letters = [...new Set(acts.map((a) => MARKS[a.kind] || "?"))].join("");
    ctx.fillText(letters, x, u.bbox.top + 12 * devicePixelRatio);
  });
  ctx.restore();
}

function draw() {
  const data = [current.weeks, current.active, current.ever, current.goal];
  const series = [
    { label: current.unit },
    { label: "active", stroke: "#23395d", width: 2, value: (u, v) => percent(v) },
    { label: "ever adopted", stroke: "#d1495b", width: 2, dash: [6, 4], value: (u, v) => percent(v) },
    { label: "goal index", stroke: "#2a9d8f", width: 2, value: (u, v) => v == null ? "–" : v.toFixed(3) },
  ];
  if (current.parent) {
    data.push(current.weeks.map((w) => current.parent.has(w) ? current.parent.get(w) : null));
    series.push({ label: "active in the parent run", stroke: "#8a94a6", width: 2, dash: [2, 3],
      value: (u, v) => percent(v) });
  }
  if (!plot) {
    const width = Math.max(320, $("chart").clientWidth - 10);
    plot = new uPlot({
      width, height: 300,
      scales: { x: { time: false }, y: { range: [0, 1] } },
      // Weeks are whole: the axis steps by whole numbers only.
      axes: [{ label: current.unit + "s", incrs: [1, 2, 4, 5, 10, 13, 20, 26, 50, 52, 100, 104, 200, 500, 1000] },
        { label: "share of people; goal index", size: 70, values: (u, v) => v.map(percent) }],
      series,
      hooks: { draw: [drawMarkers] },
    }, data, $("chart"));
    // A click on the curve chooses the week to branch at.
    plot.over.addEventListener("click", () => {
      const i = plot.cursor.idx;
      if (i != null && current.weeks[i] != null) $("branch-week").value = current.weeks[i];
    });
  } else {
    plot.setData(data);
  }
  drawHeatMap();
  listMarkers();
}

// Each department's share active, week by week: a row per department, darker where more are active.
function drawHeatMap() {
  const canvas = $("heatmap");
  const names = current.departmentNames;
  const n = current.weeks.length;
  if (!names || names.length === 0 || n === 0) { $("heatmap-view").hidden = true; return; }
  $("heatmap-view").hidden = false;
  const label = 130, row = 18, top = 4, axis = 18;
  const width = Math.max(320, $("chart").clientWidth - 10);
  const height = top + names.length * row + axis;
  canvas.width = width * devicePixelRatio;
  canvas.height = height * devicePixelRatio;
  canvas.style.width = width + "px";
  canvas.style.height = height + "px";
  const ctx = canvas.getContext("2d");
  ctx.scale(devicePixelRatio, devicePixelRatio);
  ctx.clearRect(0, 0, width, height);
  ctx.font = "12px sans-serif";
  ctx.textBaseline = "middle";
  const cell = (width - label) / n;
  names.forEach((name, d) => {
    ctx.fillStyle = "#1d2430";
    ctx.textAlign = "right";
    ctx.fillText(name, label - 6, top + d * row + row / 2);
    for (let i = 0; i < n; i++) {
      const shares = current.departments[i];
      ctx.fillStyle = heat(shares ? shares[d] : 0);
      ctx.fillRect(label + i * cell, top + d * row, Math.ceil(cell), row - 2);
    }
  });
  ctx.fillStyle = "#5b6576";
  ctx.textAlign = "left";
  ctx.fillText(`${current.unit} ${current.weeks[0]}`, label, top + names.length * row + axis / 2);
  ctx.textAlign = "right";
  ctx.fillText(`${current.unit} ${current.weeks[n - 1]}`, width, top + names.length * row + axis / 2);
}

function listMarkers() {
  const list = $("markers");
  list.innerHTML = "";
  current.weeks.forEach((w, i) => {
    for (const a of current.acts[i] || []) {
      const li = document.createElement("li");
      li.dataset.tick = w;
      li.dataset.kind = a.kind;
      const mark = document.createElement("b");
      mark.textContent = MARKS[a.kind] || "?";
      li.append(mark, ` ${current.unit} ${w}, ${a.kind}: ${a.text}`);
      list.appendChild(li);
    }
  });
  $("markers-view").hidden = list.children.length === 0;
}

function setButtons(status) {
  const going = status === "queued" || status === "running";
  $("cancel").disabled = !going;
  $("resume").disabled = status !== "interrupted";
  $("run").disabled = going;
}

async function follow(id, parentId) {
  if (current && current.source) current.source.close();
  if (plot) { plot.destroy(); plot = null; }
  current = { id, parentId, weeks: [], active: [], ever: [], goal: [], departments: [], acts: [],
    departmentNames: [], unit: "week", parent: null, ended: false };
  $("branching").hidden = true;
  $("departments-view").hidden = true;
  $("heatmap-view").hidden = true;
  $("markers-view").hidden = true;
  $("network-view").hidden = true;
  network = null;
  $("story").innerHTML = "";
  if (parentId) {
    try {
      const parent = await api(`/runs/${encodeURIComponent(parentId)}`);
      current.parent = new Map(parent.points.map((p) => [p.tick, p.active]));
    } catch (e) { showError(e); }
  }
  $("run-id").textContent = id;
  $("headline").innerHTML = "";
  $("downloads").innerHTML = "";
  $("status").textContent = "Waiting for the first week…";
  setButtons("running");
  const source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`);
  current.source = source;
  const keep = (points) => {
    current.weeks = points.map((p) => p.tick);
    current.active = points.map((p) => p.active);
    current.ever = points.map((p) => p.ever);
    current.goal = points.map((p) => p.goal);
    current.departments = points.map((p) => p.departments);
    current.acts = points.map((p) => p.acts);
  };
  source.addEventListener("run", (e) => {
    const about = JSON.parse(e.data);
    current.unit = about.unit;
    current.departmentNames = about.departments;
  });
  source.addEventListener("week", (e) => {
    const p = JSON.parse(e.data);
    current.weeks.push(p.tick);
    current.active.push(p.active);
    current.ever.push(p.ever);
    current.goal.push(p.goal);
    current.departments.push(p.departments);
    current.acts.push(p.acts);
    draw();
    $("status").textContent = `Running: ${current.unit} ${p.tick}, ${percent(p.active)} active.`;
  });
  source.addEventListener("end", (e) => {
    source.close();
    const end = JSON.parse(e.data);
    current.ended = true;
    if (end.points.length > 0) {
      keep(end.points);
      draw();
    }
    showEnd(end);
    loadRuns();
    if (end.status === "finished" || end.status === "interrupted") showDetail(end.runId);
  });
}

const BRANCH_ABOUT = {
  sponsor: "The executive's support becomes this level (0 to 1) for every department, from the week after.",
  mandate: "The department heads receive the mandate and pass it to their reports unless they sit on it; " +
    "mandated people become aware at once and comply, but lapse more readily: fast, but shallow where value is missing.",
  campaign: "A short-term push of this strength (0 to 1) that decays with a half-life of 4 weeks.",
};

function describeBranch() {
  const kind = $("branch-kind").value;
  $("branch-about").textContent = BRANCH_ABOUT[kind];
  $("branch-level").disabled = kind === "mandate";
  $("branch-level-label").textContent = kind === "campaign" ? "Strength" : "Level";
}

function heat(share) {
  return `hsl(215, 45%, ${Math.round(96 - 70 * Math.min(1, share))}%)`;
}

async function showDetail(id) {
  const detail = await api(`/runs/${encodeURIComponent(id)}`);
  if (!current || current.id !== id) return;
  const by = $("branch-by");
  by.innerHTML = "";
  for (const role of detail.executives) {
    const option = document.createElement("option");
    option.value = role;
    option.textContent = role;
    by.appendChild(option);
  }
  $("branch-week").max = Math.max(0, detail.points.length - 2);
  if ($("branch-week").value === "") $("branch-week").value = Math.floor((detail.points.length - 1) / 4);
  $("branching").hidden = detail.executives.length === 0;
  describeBranch();
  const list = $("departments");
  list.innerHTML = "";
  detail.departments.forEach((name, i) => {
    const share = detail.departmentActive[i];
    const cell = document.createElement("div");
    cell.className = "department";
    cell.style.background = heat(share);
    cell.style.color = share > 0.45 ? "#fff" : "#1d2430";
    cell.dataset.department = name;
    cell.innerHTML = "";
    const b = document.createElement("b");
    b.textContent = percent(share);
    cell.append(name, b);
    cell.addEventListener("click", () => showStory(id, name, cell));
    list.appendChild(cell);
  });
  $("departments-view").hidden = detail.departments.length === 0;
  showNetwork(id);
}

let network = null;   // the network view of the run shown, and the person chosen in it
const NETWORK = 440;

async function showNetwork(id) {
  try {
    const view = await api(`/runs/${encodeURIComponent(id)}/network`);
    if (!current || current.id !== id) return;
    network = { view, chosen: null };
    $("network-about").textContent = view.sampled
      ? `A sample of ${view.nodes.length} of the ${view.people} people: the neighbourhoods of a few evenly spaced ` +
        `people, with the ties among them (${view.unit} ${view.tick}).`
      : `All ${view.people} people at ${view.unit} ${view.tick}.`;
    const legend = $("network-legend");
    legend.innerHTML = "";
    view.states.forEach((state, i) => {
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = view.colours[i];
      legend.append(dot, state + " ");
    });
    $("person").innerHTML = "";
    drawNetwork();
    $("network-view").hidden = false;
  } catch (e) { showError(e); }
}

function drawNetwork() {
  const canvas = $("network");
  const { view, chosen } = network;
  canvas.width = NETWORK * devicePixelRatio;
  canvas.height = NETWORK * devicePixelRatio;
  canvas.style.width = NETWORK + "px";
  canvas.style.height = NETWORK + "px";
  const ctx = canvas.getContext("2d");
  ctx.scale(devicePixelRatio, devicePixelRatio);
  const at = (n) => [12 + n.x * (NETWORK - 24), 12 + n.y * (NETWORK - 24)];
  ctx.strokeStyle = "rgba(0, 0, 0, 0.11)";
  ctx.lineWidth = 0.5;
  ctx.beginPath();
  for (const [a, b] of view.ties) {
    const [x1, y1] = at(view.nodes[a]);
    const [x2, y2] = at(view.nodes[b]);
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
  }
  ctx.stroke();
  for (const n of view.nodes) {
    const [x, y] = at(n);
    ctx.fillStyle = view.colours[n.state];
    ctx.beginPath();
    ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
    ctx.fill();
  }
  if (chosen) {
    const [x, y] = at(chosen);
    ctx.strokeStyle = "#1d2430";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 7, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

// The person nearest the click, if within a few pixels of their dot.
function personAt(e) {
  let best = null, distance = 10;
  for (const n of network.view.nodes) {
    const d = Math.hypot(12 + n.x * (NETWORK - 24) - e.offsetX, 12 + n.y * (NETWORK - 24) - e.offsetY);
    if (d < distance) { best = n; distance = d; }
  }
  return best;
}

async function showPerson(id, number) {
  try {
    const p = await api(`/runs/${encodeURIComponent(id)}/people/${number}`);
    const box = $("person");
    box.innerHTML = "";
    const h = document.createElement("h3");
    h.textContent = `${p.name} (number ${p.number})`;
    const about = document.createElement("p");
    about.className = "about";
    about.textContent = p.about;
    const ol = document.createElement("ol");
    ol.id = "changes";
    for (const c of p.changes) {
      const li = document.createElement("li");
      li.textContent = `${p.unit} ${c.tick}: ${c.text}`;
      ol.appendChild(li);
    }
    if (p.changes.length === 0) {
      const li = document.createElement("li");
      li.textContent = `No change in ${p.lastTick} ${p.unit}s: still unaware.`;
      ol.appendChild(li);
    }
    box.append(h, about, ol);
  } catch (e) { showError(e); }
}

async function showStory(id, name, cell) {
  document.querySelectorAll(".department.chosen").forEach((c) => c.classList.remove("chosen"));
  cell.classList.add("chosen");
  try {
    const s = await api(`/runs/${encodeURIComponent(id)}/departments/${encodeURIComponent(name)}`);
    const when = (t) => t == null ? "not reached" : `${s.unit} ${t}`;
    const story = $("story");
    story.innerHTML = "";
    const h = document.createElement("h3");
    h.textContent = `${s.department}: ${s.headcount} people`;
    const dl = document.createElement("dl");
    for (const [label, value] of [["first person trialing", when(s.firstTrial)],
      ["first person active", when(s.firstActive)], ["mandate reaches the department", when(s.mandate)],
      ["10% active", when(s.tenPercent)], ["50% active", when(s.half)],
      ["peak active", `${percent(s.peak)} in ${s.unit} ${s.peakTick}`],
      [`at the end (${s.unit} ${s.lastTick})`, `${percent(s.endActive)} active, ${s.lapses} lapses in all`]]) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value;
      dl.append(dt, dd);
    }
    story.append(h, dl);
    if (s.acts.length > 0) {
      const ol = document.createElement("ol");
      ol.id = "acts";
      for (const a of s.acts) {
        const li = document.createElement("li");
        li.textContent = `${s.unit} ${a.tick}: ${a.text}`;
        ol.appendChild(li);
      }
      story.appendChild(ol);
    }
  } catch (e) { showError(e); }
}

function showEnd(end) {
  setButtons(end.status);
  const last = current.weeks.length - 1;
  if (end.status === "finished") {
    $("status").textContent = `Finished after ${current.weeks[last]} ${current.unit}s.`;
    const items = [
      ["active at the end", current.active[last], "final-active"],
      ["ever adopted", current.ever[last], "final-ever"],
      ["peak active", Math.max(...current.active), "peak-active"],
      ["goal index", current.goal[last], "final-goal"],
    ];
    $("headline").innerHTML = "";
    for (const [label, value, id] of items) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.id = id;
      dd.dataset.value = value;
      dd.textContent = id === "final-goal" ? value.toFixed(3) : percent(value);
      $("headline").append(dt, dd);
    }
  } else {
    $("status").textContent = `Run ${end.status}` + (end.message ? `: ${end.message}.` : ".") +
      (end.status === "interrupted" ? " Resume continues it from the journal." : "");
  }
  if (end.status === "finished" || end.status === "interrupted") showDownloads(end.runId);
}

const DOWNLOADS = [["report.html", "Report (opens in a new tab)"], ["timeseries.csv", "Weekly table (CSV)"],
  ["summary.json", "Summary (JSON)"], ["events.jsonl", "Every event (JSON Lines)"]];

// The files are written from the journal when first asked for, so runs from the command line have them too.
function showDownloads(id) {
  const p = $("downloads");
  p.innerHTML = "";
  for (const [name, label] of DOWNLOADS) {
    const a = document.createElement("a");
    a.href = `/api/runs/${encodeURIComponent(id)}/files/${name}?token=${encodeURIComponent(token)}`;
    a.textContent = label;
    a.dataset.file = name;
    if (name.endsWith(".html")) { a.target = "_blank"; a.rel = "noopener"; }
    p.appendChild(a);
  }
}

async function loadRuns() {
  const runs = await api("/runs");
  const body = document.querySelector("#runs tbody");
  body.innerHTML = "";
  if (runs.length === 0) {
    emptyRow(body, 5, "No runs in this journal yet. Runs started here or with `uptake run` appear here.");
  }
  // Branches follow their parent, indented: the run tree.
  const ids = new Set(runs.map((r) => r.runId));
  const children = new Map();
  for (const r of runs) {
    const key = r.parentRun && ids.has(r.parentRun) ? r.parentRun : "";
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(r);
  }
  const add = (r, depth) => {
    const tr = document.createElement("tr");
    tr.dataset.run = r.runId;
    tr.dataset.scenario = r.scenario || "";
    tr.dataset.status = r.status;
    tr.dataset.parent = r.parentRun || "";
    const name = "\u00a0\u00a0\u00a0\u00a0".repeat(depth) + (depth > 0 ? "\u21b3 " : "") + r.runId;
    const scenario = r.parentRun ? `${r.scenario} (branch at ${r.branchTick})` : r.scenario;
    cells(tr, [[name], [scenario], [r.seed], [`${r.lastTick}/${r.ticks}`], [r.status, "status-" + r.status]]);
    tr.addEventListener("click", () => follow(r.runId, r.parentRun));
    body.appendChild(tr);
    for (const c of children.get(r.runId) || []) add(c, depth + 1);
  };
  for (const r of children.get("") || []) add(r, 0);
  filterRuns();
}

// Shows the runs whose id or scenario contains the text and whose status is the one chosen; a branch shown keeps
// its ancestors shown, so the tree still reads.
function filterRuns() {
  const text = $("runs-filter").value.trim().toLowerCase();
  const status = $("runs-status").value;
  const rows = [...document.querySelectorAll("#runs tbody tr[data-run]")];
  const byId = new Map(rows.map((tr) => [tr.dataset.run, tr]));
  const shown = new Set();
  for (const tr of rows) {
    const matches = (text === "" || tr.dataset.run.toLowerCase().includes(text) ||
      tr.dataset.scenario.toLowerCase().includes(text)) && (status === "" || tr.dataset.status === status);
    if (!matches) continue;
    for (let r = tr; r && !shown.has(r.dataset.run); r = byId.get(r.dataset.parent)) shown.add(r.dataset.run);
  }
  for (const tr of rows) tr.hidden = !shown.has(tr.dataset.run);
  $("runs-count").textContent = text === "" && status === "" ? `${rows.length} runs.`
    : `Showing ${[...shown].length} of ${rows.length} runs (a branch's parent runs are shown with it).`;
}

$("scenario").addEventListener("change", describeScenario);
$("runs-filter").addEventListener("input", filterRuns);
$("runs-status").addEventListener("change", filterRuns);
$("network").addEventListener("click", (e) => {
  if (!network) return;
  const n = personAt(e);
  if (!n) return;
  network.chosen = n;
  drawNetwork();
  showPerson(current.id, n.number);
});
$("heatmap").addEventListener("click", (e) => {
  if (!current || !current.ended) return;
  const d = Math.floor((e.offsetY - 4) / 18);
  const name = current.departmentNames[d];
  const cell = [...document.querySelectorAll(".department")].find((c) => c.dataset.department === name);
  if (name && cell) showStory(current.id, name, cell);
});
$("branch-kind").addEventListener("change", describeBranch);
$("compare-run").addEventListener("click", async () => {
  $("compare-error").textContent = "";
  $("compare-summary").textContent = "";
  const chosen = [...document.querySelectorAll("#compare-choices input:checked")].map((b) => b.value);
  try {
    const started = await api("/comparisons", { method: "POST",
      body: JSON.stringify({ scenarios: chosen, seeds: Number($("compare-seeds").value) }) });
    $("compare-run").disabled = true;
    $("compare-status").textContent = "Queued…";
    loadComparisons();
    await followComparison(started.id);
  } catch (e) { $("compare-error").textContent = e.message; }
});
$("branch").addEventListener("click", async () => {
  showError(null);
  const body = { tick: Number($("branch-week").value), kind: $("branch-kind").value, by: $("branch-by").value };
  if ($("branch-kind").value !== "mandate") body.level = Number($("branch-level").value);
  try {
    const parentId = current.id;
    const started = await api(`/runs/${encodeURIComponent(parentId)}/branch`, { method: "POST",
      body: JSON.stringify(body) });
    follow(started.runId, parentId);
    loadRuns();
  } catch (e) { showError(e); }
});
$("run").addEventListener("click", async () => {
  showError(null);
  let body;
  try {
    body = { scenario: await scenarioToRun() };
  } catch (e) {
    showProblems(e.problems || [{ field: "general", message: e.message }]);
    showError(new Error("The changed scenario could not be saved: see the set-up below."));
    return;
  }
  if ($("seed").value !== "") body.seed = Number($("seed").value);
  if ($("ticks").value !== "") body.ticks = Number($("ticks").value);
  try {
    const started = await api("/runs", { method: "POST", body: JSON.stringify(body) });
    follow(started.runId);
    loadRuns();
  } catch (e) { showError(e); }
});
$("cancel").addEventListener("click", async () => {
  try { await api(`/runs/${encodeURIComponent(current.id)}/cancel`, { method: "POST" }); } catch (e) { showError(e); }
});
$("resume").addEventListener("click", async () => {
  showError(null);
  try {
    await api(`/runs/${encodeURIComponent(current.id)}/resume`, { method: "POST" });
    follow(current.id, current.parentId);
  } catch (e) { showError(e); }
});

const STUDY_FILES = { fit: [["report.html", "Report"], ["fit.json", "fit.json"], ["fit.csv", "fit.csv"],
  ["best.conf", "best.conf"]], optimisation: [["report.html", "Report"], ["optimise.json", "optimise.json"],
  ["plans.csv", "plans.csv"], ["best.conf", "best.conf"]] };

// The fits and optimisations in the journal; their files are written from the journal when first asked for.
async function loadStudies() {
  const list = await api("/studies");
  const body = document.querySelector("#studies tbody");
  body.innerHTML = "";
  if (list.length === 0) {
    emptyRow(body, 6, "None in this journal: `uptake fit` and `uptake optimise` record theirs here.");
  }
  for (const s of list) {
    const tr = document.createElement("tr");
    tr.dataset.study = `${s.kind}/${s.id}`;
    cells(tr, [[s.kind], [s.id], [s.base.split("/").pop()], [s.status, "status-" + s.status], [s.result]]);
    const td = document.createElement("td");
    if (s.status === "finished") {
      for (const [name, label] of STUDY_FILES[s.kind]) {
        const a = document.createElement("a");
        a.href = `/api/studies/${s.kind}/${encodeURIComponent(s.id)}/files/${name}?token=${encodeURIComponent(token)}`;
        a.textContent = label;
        a.dataset.file = name;
        if (name.endsWith(".html")) { a.target = "_blank"; a.rel = "noopener"; }
        td.append(a, " ");
      }
    }
    tr.appendChild(td);
    body.appendChild(tr);
  }
}

// Called once every script has loaded.
function start() {
  startSetup().then(loadScenarios).then(() => openSetup($("scenario").value)).then(loadRuns).then(loadComparisons)
    .then(loadStudies).catch(showError);
}
