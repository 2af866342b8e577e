/// The page's script and style, served from memory: no file on disk is reachable through the server.
enum PreviewAssets {
  static let script = #"""
    "use strict";
    (function () {
      const token = document.querySelector('meta[name="patent-digest-token"]').content;
      let version = Number(document.body.dataset.version);
      let view = "html";
      const status = document.getElementById("status");
      const problem = document.getElementById("problem");
      const panel = document.getElementById("panel");
      const preview = document.getElementById("preview");
      const source = document.getElementById("source");

      async function send(change) {
        status.textContent = "saving…";
        const response = await fetch("/edits", {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Patent-Digest-Token": token },
          body: JSON.stringify(change),
        });
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) {
          status.textContent = "not saved: " + (answer.error || response.status);
          return;
        }
        status.textContent = "saved";
        await refresh(answer.version);
      }

      async function showView() {
        if (view === "html") {
          preview.hidden = false;
          source.hidden = true;
          preview.src = "/draft?format=html&v=" + version;
        } else {
          const response = await fetch("/draft?format=" + view);
          source.textContent = await response.text();
          preview.hidden = true;
          source.hidden = false;
        }
      }

      async function refresh(newVersion) {
        version = newVersion;
        document.body.dataset.version = String(version);
        const typing = panel.contains(document.activeElement) &&
          (document.activeElement.tagName === "INPUT" || document.activeElement.tagName === "TEXTAREA");
        if (!typing) {
          const response = await fetch("/panel");
          panel.innerHTML = await response.text();
        }
        await showView();
      }

      async function poll() {
        try {
          const response = await fetch("/status");
          const current = await response.json();
          problem.hidden = !current.problem;
          problem.textContent = current.problem || "";
          if (current.version !== version) await refresh(current.version);
        } catch (error) {
          status.textContent = "the preview server is not answering";
        }
        setTimeout(poll, 300);
      }

      panel.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-action]");
        if (!button) return;
        const change = { action: button.dataset.action };
        if (button.dataset.number) change.number = button.dataset.number;
        if (button.dataset.position) change.position = Number(button.dataset.position);
        send(change);
      });

      panel.addEventListener("change", (event) => {
        const field = event.target.dataset.field;
        if (!field) return;
        const change = { action: "text", field: field, value: event.target.value };
        if (event.target.dataset.number) change.number = event.target.dataset.number;
        send(change);
      });

      document.querySelectorAll("nav .tab").forEach((tab) => {
        tab.addEventListener("click", () => {
          document.querySelectorAll("nav .tab").forEach((other) => other.classList.remove("active"));
          tab.classList.add("active");
          view = tab.dataset.view;
          showView();
        });
      });

      document.getElementById("copy").addEventListener("click", async () => {
        const response = await fetch("/draft?format=" + (view === "html" ? "html" : view));
        const text = await response.text();
        try {
          await navigator.clipboard.writeText(text);
          status.textContent = "copied";
        } catch (error) {
          source.textContent = text;
          source.hidden = false;
          preview.hidden = true;
          window.getSelection().selectAllChildren(source);
          status.textContent = "selected: press Ctrl+C to copy";
        }
      });

      setTimeout(poll, 300);
    })();
    """#

  static let style = #"""
    body { margin: 0; font-family: system-ui, sans-serif; color: #1a1a1a; background: #fafafa; }
    header { padding: 8px 16px; background: #1a1a1a; color: #fff; display: flex; gap: 16px; align-items: baseline; }
    #status { margin-left: auto; font-size: 13px; color: #ccc; }
    .problem { padding: 8px 16px; background: #fde2e1; color: #8a1c1c; font-family: monospace; white-space: pre-wrap; }
    main { display: grid; grid-template-columns: minmax(320px, 420px) 1fr; height: calc(100vh - 40px); }
    #panel { overflow-y: auto; padding: 8px 16px; border-right: 1px solid #ddd; background: #fff; }
    #panel h2 { font-size: 16px; margin: 16px 0 8px; }
    .field { display: block; margin: 6px 0; }
    .field span { display: block; font-size: 12px; color: #555; }
    .field input, .field textarea { width: 100%; box-sizing: border-box; font: inherit; font-size: 14px; }
    .item { border: 1px solid #e3e3e3; border-radius: 4px; padding: 6px 8px; margin: 8px 0; }
    .meta { margin: 0; font-size: 12px; color: #555; }
    .context { font-style: italic; }
    .badge { background: #0b57d0; color: #fff; border-radius: 3px; padding: 0 4px; }
    .actions button, .rest button { font-size: 12px; }
    .rest { padding-left: 16px; font-size: 13px; }
    #views { display: flex; flex-direction: column; }
    nav { padding: 6px 8px; border-bottom: 1px solid #ddd; display: flex; gap: 4px; }
    .tab.active { font-weight: bold; }
    #copy { margin-left: auto; }
    #preview { flex: 1; border: 0; width: 100%; background: #fff; }
    .sources { margin: 2px 0 6px; padding-left: 18px; font-size: 12px; color: #333; }
    .sources li { margin: 2px 0; cursor: help; position: relative; }
    .sources li:hover, .sources li:focus { background: #eef3fd; outline: none; }
    .sources .source { display: none; margin: 2px 0 4px; padding: 4px 6px; border-left: 3px solid #0b57d0;
      background: #f4f7fd; color: #1a1a1a; font-style: italic; }
    .sources li:hover .source, .sources li:focus .source, .sources li:focus-within .source { display: block; }
    #source { flex: 1; margin: 0; padding: 12px; overflow: auto; white-space: pre-wrap; font-size: 13px; background: #fff; }
    """#
}
