"use strict";
(() => {
  const $ = id => document.getElementById(id);
  const charts = {};
  const keyInput = $("key");
  keyInput.value = ntk.credential("key");

  function chart(id, config) {
    charts[id]?.destroy();
    charts[id] = new Chart($(id), { ...config, options: { animation: false, responsive: true, plugins: { legend: { display: config.type !== "bar" } }, ...(config.options || {}) } });
  }

  async function loadOverview() {
    const key = keyInput.value.trim();
    if (!key) { return; }
    sessionStorage.setItem("ntk.key", key);
    const since = $("since").value;
    const query = since ? "?since=" + encodeURIComponent(since + "T00:00:00Z") : "";
    const view = await ntk.api("/v1/dashboard" + query, key);
    ntk.text(document.querySelector("[data-testid=headline]"), view.headline);
    ntk.text(document.querySelector("[data-testid=attempts]"), ntk.number(view.interceptions.attempts));
    ntk.text(document.querySelector("[data-testid=programs]"), ntk.number(view.interceptions.programs));
    ntk.text(document.querySelector("[data-testid=prompts]"), ntk.number(view.prompts.shown));
    ntk.text(document.querySelector("[data-testid=consent-rate]"), ntk.percent(view.consentRate));
    chart("series", {
      type: "line",
      data: { labels: view.series.map(p => p.time.slice(5, 13).replace("T", " ") + "h"), datasets: [
        { label: "interceptions", data: view.series.map(p => p.interceptions), borderColor: "#b42318", tension: 0.2 },
        { label: "prompts", data: view.series.map(p => p.prompts), borderColor: "#8a6d00", tension: 0.2 },
      ] },
    });
    chart("by-key", {
      type: "bar",
      data: { labels: view.byKey.map(k => k.name), datasets: [{ label: "attempts", data: view.byKey.map(k => k.count), backgroundColor: "#0b7a5a" }] },
    });
    ntk.rows(document.querySelector("[data-testid=by-reason] tbody"), view.byReason.map(r => [String(r.code), r.name, r.count]));
    ntk.rows(document.querySelector("[data-testid=top-programs] tbody"), view.topPrograms.map(p => {
      const a = document.createElement("a");
      a.href = "#app=" + encodeURIComponent(p.name);
      a.textContent = p.name;
      return [a, p.count];
    }));
    ntk.rows(document.querySelector("[data-testid=review-queue] tbody"), view.reviewQueue.map(v => {
      const a = document.createElement("a");
      a.href = "#app=" + encodeURIComponent(v.appId);
      a.textContent = v.appId;
      return [a, String(v.version), v.errors, v.warnings];
    }));
  }

  async function loadApp(appId) {
    const key = keyInput.value.trim();
    const view = await ntk.api("/v1/apps/" + encodeURIComponent(appId) + "/overview", key);
    ntk.text(document.querySelector("[data-testid=app-title]"), view.appId + " — " + view.developer + " (" + view.status + ")");
    ntk.rows(document.querySelector("[data-testid=app-declaration] tbody"), view.declaration.map(i => [i.key, i.purpose, i.necessary ? "necessary" : "optional"]));
    ntk.text(document.querySelector("[data-testid=app-consent-rate]"), ntk.percent(view.consentRate));
    ntk.text(document.querySelector("[data-testid=app-refusal-rate]"), ntk.percent(view.refusalRate));
    ntk.text(document.querySelector("[data-testid=app-interceptions]"), ntk.number(view.interceptions));
    const rows = [];
    for (const v of view.versions) {
      if (v.findings.length === 0) { rows.push([String(v.version), v.status, "", "no findings"]); }
      for (const f of v.findings) { rows.push([String(v.version), v.status, f.ruleId, f.message + (f.file ? " (" + f.file + ":" + f.line + ")" : "")]); }
    }
    ntk.rows(document.querySelector("[data-testid=app-findings] tbody"), rows);
  }

  async function route() {
    ntk.showError("");
    const app = new URLSearchParams(location.hash.slice(1)).get("app");
    $("overview").hidden = !!app;
    $("app").hidden = !app;
    try {
      if (app) { await loadApp(app); } else { await loadOverview(); }
      document.body.dataset.loaded = "true";
    } catch (e) {
      ntk.showError("could not load: " + e.message);
      document.body.dataset.loaded = "error";
    }
  }

  $("load").addEventListener("click", route);
  $("back").addEventListener("click", e => { e.preventDefault(); location.hash = ""; });
  window.addEventListener("hashchange", route);
  route();
})();
