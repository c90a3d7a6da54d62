"use strict";
(() => {
  const token = ntk.credential("token");

  function badge(text) {
    const span = document.createElement("span");
    span.className = text === "allow" ? "allow" : text === "deny" ? "deny" : "prompt";
    span.textContent = text;
    return span;
  }

  async function load() {
    ntk.showError("");
    try {
      const report = await ntk.api("/v1/me/report", token);
      ntk.rows(document.querySelector("[data-testid=report] tbody"), report.entries.map(e => [
        e.appId, e.key, badge(e.decision), e.count, new Date(e.lastTime).toLocaleString("en-GB", { timeZone: "UTC" }),
      ]));
      const consents = await ntk.api("/v1/me/consents", token);
      const rows = [];
      for (const app of consents.apps) {
        for (const item of app.keys) {
          const cell = document.createElement("span");
          if (item.status === "granted") {
            const button = document.createElement("button");
            button.className = "danger";
            button.textContent = "Withdraw";
            button.dataset.testid = "withdraw-" + app.appId + "-" + item.key;
            button.addEventListener("click", async () => {
              await ntk.api("/v1/me/consents/" + encodeURIComponent(app.appId) + "/withdraw", token, { method: "POST", body: JSON.stringify({ keys: [item.key] }) });
              await load();
            });
            cell.append(button);
          }
          rows.push([app.appId, item.key, item.status, cell]);
        }
      }
      ntk.rows(document.querySelector("[data-testid=consents] tbody"), rows);
      document.body.dataset.loaded = "true";
    } catch (e) {
      ntk.showError("could not load your report: " + e.message);
      document.body.dataset.loaded = "error";
    }
  }

  load();
})();
