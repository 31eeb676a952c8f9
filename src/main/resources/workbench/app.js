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
  if (!response.ok) throw new Error(body.error || ("the server answered " + response.status));
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

function draw() {
  const data = [current.weeks, current.active, current.ever];
  if (!plot) {
    const width = Math.max(320, $("chart").clientWidth - 10);
    plot = new uPlot({
      width, height: 300,
      scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [{ label: current.unit + "s" }, { label: "share of people", size: 70, values: (u, v) => v.map(percent) }],
      series: [
        { label: current.unit },
        { label: "active", stroke: "#23395d", width: 2, value: (u, v) => percent(v) },
        { label: "ever adopted", stroke: "#d1495b", width: 2, dash: [6, 4], value: (u, v) => percent(v) },
      ],
    }, data, $("chart"));
  } else {
    plot.setData(data);
  }
}

function setButtons(status) {
  const going = status === "queued" || status === "running";
  $("cancel").disabled = !going;
  $("resume").disabled = status !== "interrupted";
  $("run").disabled = going;
}

function follow(id) {
  if (current && current.source) current.source.close();
  if (plot) { plot.destroy(); plot = null; }
  current = { id, weeks: [], active: [], ever: [], goal: [], unit: "week" };
  $("run-id").textContent = id;
  $("headline").innerHTML = "";
  $("downloads").innerHTML = "";
  $("status").textContent = "Waiting for the first week…";
  setButtons("running");
  const source = new EventSource(`/api/runs/${encodeURIComponent(id)}/events?token=${encodeURIComponent(token)}`);
  current.source = source;
  source.addEventListener("week", (e) => {
    const p = JSON.parse(e.data);
    current.weeks.push(p.tick);
    current.active.push(p.active);
    current.ever.push(p.ever);
    draw();
    $("status").textContent = `Running: week ${p.tick}, ${percent(p.active)} active.`;
  });
  source.addEventListener("end", (e) => {
    source.close();
    const end = JSON.parse(e.data);
    if (end.points.length > 0) {
      current.weeks = end.points.map((p) => p.tick);
      current.active = end.points.map((p) => p.active);
      current.ever = end.points.map((p) => p.ever);
      current.goal = end.points.map((p) => p.goal);
      draw();
    }
    showEnd(end);
    loadRuns();
  });
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
    $("downloads").innerHTML = "";
    for (const name of ["timeseries.csv", "summary.json"]) {
      const a = document.createElement("a");
      a.href = `/api/runs/${encodeURIComponent(end.runId)}/files/${name}?token=${encodeURIComponent(token)}`;
      a.textContent = "Download " + name;
      a.style.marginRight = "14px";
      $("downloads").appendChild(a);
    }
  } else {
    $("status").textContent = `Run ${end.status}` + (end.message ? `: ${end.message}.` : ".") +
      (end.status === "interrupted" ? " Resume continues it from the journal." : "");
  }
}

async function loadRuns() {
  const runs = await api("/runs");
  const body = document.querySelector("#runs tbody");
  body.innerHTML = "";
  if (runs.length === 0) {
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.colSpan = 5;
    td.textContent = "No runs in this journal yet. Runs started here or with `uptake run` appear here.";
    tr.appendChild(td);
    body.appendChild(tr);
  }
  for (const r of runs) {
    const tr = document.createElement("tr");
    for (const [text, cls] of [[r.runId], [r.scenario], [r.seed], [`${r.lastTick}/${r.ticks}`],
      [r.status, "status-" + r.status]]) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.appendChild(td);
    }
    tr.addEventListener("click", () => follow(r.runId));
    body.appendChild(tr);
  }
}

$("scenario").addEventListener("change", describeScenario);
$("run").addEventListener("click", async () => {
  showError(null);
  const body = { scenario: $("scenario").value };
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
    follow(current.id);
  } catch (e) { showError(e); }
});

loadScenarios().then(loadRuns).catch(showError);
