// Fetches a generated file (PDF, workbook, CSV, JSON) and says how it goes: how long the server has
// been making it, then how much of it has arrived; then hands it to the browser to save. A large
// plan's PDF takes several seconds, and a plain link shows nothing until the first byte.
// Without JavaScript, or without streamed responses, the links download as before.
(function () {
  "use strict";

  var box = document.querySelector("[data-download-progress]");
  if (!box || !window.fetch || !window.ReadableStream || !window.URL || !URL.createObjectURL) return;
  var bar = box.querySelector("progress");
  var status = box.querySelector("[data-download-status]");
  var detail = box.querySelector("[data-download-detail]");
  var busy = false;
  var preparing = false;

  function format(template) {
    var values = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d)\}/g, function (_, i) { return values[Number(i)]; });
  }

  // Content-Disposition carries the Japanese name as filename*=UTF-8''…; the plain filename is its ASCII fallback.
  function fileName(response, link) {
    var header = response.headers.get("Content-Disposition") || "";
    var encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (encoded) {
      try { return decodeURIComponent(encoded[1]); } catch (e) { /* fall through to the plain name */ }
    }
    var plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : (link.getAttribute("download") || "download");
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  async function receive(response, what) {
    var total = Number(response.headers.get("Content-Length")) || 0;
    var reader = response.body.getReader();
    var chunks = [];
    var received = 0;
    preparing = false;
    if (total > 0) bar.value = 0;
    detail.textContent = "";
    status.textContent = format(box.dataset.receiving, what);
    for (;;) {
      var step = await reader.read();
      if (step.done) break;
      chunks.push(step.value);
      received += step.value.length;
      if (total > 0) {
        var percent = Math.min(100, Math.round((received / total) * 100));
        bar.value = percent;
        detail.textContent = percent + "%";
      } else {
        detail.textContent = format(box.dataset.received, Math.round(received / 1024).toLocaleString());
      }
    }
    return new Blob(chunks, { type: response.headers.get("Content-Type") || "application/octet-stream" });
  }

  async function download(link) {
    var what = link.dataset.download || link.textContent.trim();
    var started = Date.now();
    busy = true;
    preparing = true;
    // The news goes under the buttons that were used, not at one place far up a long page.
    (link.closest(".actions, .table-wrap") || link.parentElement).after(box);
    box.hidden = false;
    bar.removeAttribute("value");
    status.textContent = format(box.dataset.preparing, what);
    detail.textContent = "";
    var timer = setInterval(function () {
      if (preparing) detail.textContent = format(box.dataset.elapsed, Math.round((Date.now() - started) / 1000));
    }, 1000);
    try {
      var response = await fetch(link.href, { credentials: "same-origin", redirect: "manual" });
      if (response.type === "opaqueredirect") {
        // Sign-in is needed first: let the browser follow the link itself, to the sign-in page and back.
        window.location.href = link.href;
        return;
      }
      if (response.ok) {
        save(await receive(response, what), fileName(response, link));
        bar.value = 100;
        status.textContent = format(box.dataset.done, what);
      } else {
        bar.value = 0;
        status.textContent = format(box.dataset.refused, what, response.status);
      }
    } catch (error) {
      bar.value = 0;
      status.textContent = format(box.dataset.failed, what);
    } finally {
      detail.textContent = "";
      clearInterval(timer);
      preparing = false;
      busy = false;
    }
  }

  document.querySelectorAll("a[data-download]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (!busy) download(link);
    });
  });
})();
