// Shared by the pages: the key or token comes from the URL fragment (never sent to the server in logs) or the session.
"use strict";
const ntk = {
  credential(name) {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const value = fragment.get(name) || sessionStorage.getItem("ntk." + name) || "";
    if (fragment.get(name)) {
      sessionStorage.setItem("ntk." + name, value);
    }
    return value;
  },
  async api(path, credential, options = {}) {
    const response = await fetch(path, {
      ...options,
      headers: { "Authorization": "Bearer " + credential, "Content-Type": "application/json", ...(options.headers || {}) },
    });
    if (!response.ok) {
      let detail = response.statusText;
      try { const problem = await response.json(); detail = problem.detail || problem.title || detail; } catch { /* not json */ }
      throw new Error(response.status + " " + detail);
    }
    return response.status === 204 ? null : response.json();
  },
  text(element, value) { element.textContent = value; },
  number(n) { return Number(n).toLocaleString("en-US"); },
  percent(x) { return x === null || x === undefined ? "–" : (Math.round(x * 1000) / 10).toFixed(1) + "%"; },
  rows(tbody, rows) {
    tbody.replaceChildren(...rows.map(cells => {
      const tr = document.createElement("tr");
      for (const cell of cells) {
        const td = document.createElement("td");
        if (cell instanceof Node) { td.append(cell); } else { td.textContent = cell; }
        if (typeof cell === "number") { td.className = "num"; td.textContent = ntk.number(cell); }
        tr.append(td);
      }
      return tr;
    }));
  },
  showError(message) {
    const box = document.getElementById("error");
    box.textContent = message;
    box.hidden = !message;
  },
};
