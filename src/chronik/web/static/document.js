// One stored article with its actor mentions, events and quotations.
"use strict";

(async () => {
  const status = document.getElementById("status");
  const params = new URLSearchParams(location.search);
  const id = params.get("id");
  if (document.referrer && new URL(document.referrer).pathname === "/corpus") {
    document.getElementById("back").href = document.referrer;
  }
  if (!id) { chronik.showStatus(status, "no article named: open one from the corpus page (/document?id=…)", true); return; }
  try {
    const doc = await chronik.api(`/v1/documents/${encodeURIComponent(id)}`);
    document.title = `chronik · ${doc.title || doc.external_id || doc.id}`;
    document.getElementById("title").textContent = doc.title || doc.external_id || doc.id;
    const meta = document.getElementById("meta");
    meta.append([doc.outlet, doc.date, doc.language, `id ${doc.id}`].filter(Boolean).join(" · "));
    if (doc.url && /^https?:\/\//.test(doc.url)) meta.append(" · ", chronik.el("a", {href: doc.url, rel: "noopener noreferrer"}, "source"));
    chronik.renderDocument(doc, doc.text);
  } catch (err) {
    chronik.showError(status, err);
  }
})();
