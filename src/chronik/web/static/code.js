// The "code an article" page: paste or upload a text, set its date, see what chronik codes.
"use strict";

(() => {
  const form = document.getElementById("code-form");
  const text = document.getElementById("text");
  const date = document.getElementById("date");
  const lang = document.getElementById("lang");
  const button = document.getElementById("code-button");
  const status = document.getElementById("status");
  let docId = "pasted";

  if (!date.value) date.value = new Date().toISOString().slice(0, 10);

  document.getElementById("file").addEventListener("change", (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => { text.value = reader.result; docId = file.name; };
    reader.onerror = () => chronik.showStatus(status, `cannot read ${file.name}`, true);
    reader.readAsText(file, "utf-8");
  });
  text.addEventListener("input", () => { docId = "pasted"; });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!text.value.trim()) { chronik.showStatus(status, "paste a text or choose a file first", true); return; }
    const body = {text: text.value, doc_id: docId};
    if (date.value) body.date = date.value;
    if (lang.value) body.language = lang.value;
    button.disabled = true;
    chronik.showStatus(status, "coding …");
    try {
      const doc = await chronik.api("/v1/code", {method: "POST", body});
      chronik.renderDocument(doc, doc.text);
      chronik.showStatus(status, `${doc.events.length} events, ${doc.mentions.length} actor mentions, ` +
        `${doc.places.length} places, ${doc.times.length} dates, ${doc.quotes.length} quotations · ` +
        `language ${doc.language} · coded in ${Math.round(doc.elapsed_ms)} ms`);
    } catch (err) {
      chronik.showError(status, err);
    } finally {
      button.disabled = false;
    }
  });
})();
