// Breaks the long rows of a printed progress sheet across pages, as the municipalities' own sheets do: a row taller than a
// third of a page that does not fit in what is left of a page is cut at a line, and its continuation, on the next page,
// repeats the measure's code and title with the word the table carries (（続き）). Every other row moves whole to the next
// page (break-inside: avoid in sheet-print.css). Run by PdfRenderer on the document laid out as it prints: the page's width,
// print media. Everything is measured first, in one layout, and the document changed after.
(pageHeight) => {
  "use strict";
  const table = document.querySelector("table[data-split-rows]");
  if (!table || !table.tBodies.length) return 0;
  const rows = Array.from(table.tBodies[0].rows);
  if (!rows.length) return 0;
  // A few pixels to spare for rounding between this layout and the printed one.
  const limit = pageHeight - 4;
  const head = table.tHead ? table.tHead.getBoundingClientRect().height : 0;
  const repeats = cell => cell.matches(".col-code, .col-title, .col-indicator");
  const sample = rows.find(r => !r.classList.contains("section")) || rows[0];
  const style = getComputedStyle(sample.cells[0]);
  const line = parseFloat(style.lineHeight);
  const padTop = parseFloat(style.paddingTop);
  const padBottom = parseFloat(style.paddingBottom);
  const minimum = padTop + 3 * line + padBottom;
  const contentHeight = cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return range.getBoundingClientRect().height;
  };

  // 1. Where each long row is cut, in pixels from its top, laying the rows into pages as Chromium does.
  const plans = [];
  let cursor = rows[0].getBoundingClientRect().top + window.scrollY;
  for (const row of rows) {
    const height = row.getBoundingClientRect().height;
    if (cursor + height <= limit) { cursor += height; continue; }
    if (height <= pageHeight / 3 || row.classList.contains("section")) { cursor = head + height; continue; }
    const repeated = Math.max(0, ...Array.from(row.cells).filter(repeats).map(contentHeight)) + line + padTop + padBottom;
    const cuts = [];
    let start = 0;
    for (;;) {
      const piece = cuts.length === 0 ? height : Math.max(repeated, height - start + padTop);
      if (cursor + piece <= limit) { cursor += piece; break; }
      const room = limit - cursor - padBottom - (cuts.length === 0 ? 0 : padTop);
      const cut = padTop + Math.floor((start + room - padTop) / line) * line;
      if (limit - cursor < minimum || cut <= start + line) {
        if (cursor === head) { cursor += piece; break; } // nothing fits on a fresh page: let Chromium place it
        cursor = head;
        continue;
      }
      cuts.push(cut);
      start = cut;
      cursor = head;
    }
    if (cuts.length) plans.push({ row, cuts });
  }

  // 2. Where each cell's text crosses each cut: the first character on a line below it.
  const splitPoint = (cell, y) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().bottom <= y + 1) continue;
      let low = 0, high = node.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        range.setStart(node, middle);
        range.setEnd(node, middle + 1);
        if (range.getBoundingClientRect().top >= y - 1) high = middle; else low = middle + 1;
      }
      if (low < node.length) return { node, offset: low };
    }
    return null;
  };
  for (const plan of plans) {
    const top = plan.row.getBoundingClientRect().top;
    plan.points = plan.cuts.map(cut => Array.from(plan.row.cells).map(cell => repeats(cell) ? null : splitPoint(cell, top + cut)));
  }

  // 3. The continuations, last first, each right after its row: a later cut's text leaves before an earlier one is cut.
  for (const plan of plans) {
    for (let k = plan.points.length - 1; k >= 0; k--) {
      const next = plan.row.cloneNode(false);
      next.classList.add("continued");
      Array.from(plan.row.cells).forEach((cell, j) => {
        if (repeats(cell)) {
          const copy = cell.cloneNode(true);
          if (cell.matches(".col-title, .col-indicator")) {
            const mark = document.createElement("span");
            mark.className = "continued-mark";
            mark.textContent = table.dataset.continued || "";
            copy.appendChild(mark);
          }
          next.appendChild(copy);
          return;
        }
        const copy = cell.cloneNode(false);
        const point = plan.points[k][j];
        if (point) {
          const range = document.createRange();
          range.setStart(point.node, point.offset);
          range.setEnd(cell, cell.childNodes.length);
          copy.appendChild(range.extractContents());
        }
        next.appendChild(copy);
      });
      plan.row.after(next);
    }
  }
  return plans.length;
}
