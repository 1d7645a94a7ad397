/* argmap's HTML page: zoom and pan, the outline as a tree, search, details and focus.
   Inlined by argmap/render/html.py. Text from the map reaches the page only through textContent (the data
   block is JSON, read with JSON.parse), never as markup. */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  // Maps, not the parsed objects: an id such as `constructor` or `__proto__` must find nothing it does not own.
  const statements = new Map(Object.entries(data.statements));
  const argumentsById = new Map(Object.entries(data.arguments));
  const explanations = new Map(Object.entries(data.explanations));
  const nodeNames = new Map(Object.entries(data.nodes));
  const SYMBOL = { accepted: "✓", rejected: "✗", undecided: "?" };
  // The other side is the counterclaims, or the claims when the thesis is a counterclaim (--thesis, the other bench).

  function make(tag, className, text) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = text;
    return element;
  }

  // ---- the diagram: zoom and pan by changing the SVG's viewBox ----------------------------------------
  const pane = document.getElementById("am-diagram");
  const svg = pane.querySelector("svg");
  const svgNodes = new Map(); // statement or argument id -> its <g class="node">
  for (const g of svg.querySelectorAll("g.node")) {
    const title = g.querySelector(":scope > title");
    const name = title ? title.textContent : "";
    if (nodeNames.has(name)) {
      const id = nodeNames.get(name);
      g.classList.add("am-node");
      g.dataset.id = id;
      svgNodes.set(id, g);
    }
  }
  // The viewBox as written (its numbers exactly: "Whole map" restores them).
  const [homeX, homeY, homeW, homeH] = (svg.getAttribute("viewBox") || "0 0 100 100").trim().split(/[\s,]+/)
    .map(Number);
  const home = { x: homeX, y: homeY, w: homeW, h: homeH };
  let view = Object.assign({}, home);

  function show(next) {
    view = next;
    svg.setAttribute("viewBox", `${next.x} ${next.y} ${next.w} ${next.h}`);
  }
  function centre() {
    return { x: view.x + view.w / 2, y: view.y + view.h / 2 };
  }
  function toSvg(clientX, clientY) {
    const matrix = svg.getScreenCTM();
    return matrix ? new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse()) : centre();
  }
  function unitsPerPixel() {
    const matrix = svg.getScreenCTM();
    return matrix && matrix.a ? 1 / matrix.a : 1;
  }
  function zoomAt(factor, point) {
    const w = Math.min(Math.max(view.w / factor, home.w / 200), home.w * 5);
    const ratio = view.w / w;
    show({ x: point.x - (point.x - view.x) / ratio, y: point.y - (point.y - view.y) / ratio, w: w, h: view.h / ratio });
  }
  function panBy(dx, dy) {
    show({ x: view.x + dx, y: view.y + dy, w: view.w, h: view.h });
  }
  function unfocus() {
    svg.classList.remove("am-focused");
    for (const g of svg.querySelectorAll(".am-in-focus")) g.classList.remove("am-in-focus");
  }
  function reset() {
    unfocus();
    show(Object.assign({}, home));
  }

  pane.addEventListener("wheel", (event) => {
    event.preventDefault();
    const speed = event.deltaMode === 1 ? 0.05 : event.deltaMode === 2 ? 1 : 0.0015;
    zoomAt(Math.exp(-event.deltaY * speed), toSvg(event.clientX, event.clientY));
  }, { passive: false });

  // One pointer drags; two pinch (zoom about their midpoint) and drag together.
  const pointers = new Map();
  let dragged = false;
  let suppressClick = false;
  function spread() {
    const [a, b] = [...pointers.values()];
    return { d: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
  pane.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY, startX: event.clientX, startY: event.clientY });
    if (pointers.size === 1) dragged = false;
  });
  pane.addEventListener("pointermove", (event) => {
    const pointer = pointers.get(event.pointerId);
    if (!pointer) return;
    const before = pointers.size === 2 ? spread() : null;
    const dx = event.clientX - pointer.x;
    const dy = event.clientY - pointer.y;
    if (!dragged && Math.hypot(event.clientX - pointer.startX, event.clientY - pointer.startY) < 4) return;
    if (!dragged) {
      dragged = true;
      pane.setPointerCapture(event.pointerId);
      pane.classList.add("am-dragging");
    }
    pointer.x = event.clientX;
    pointer.y = event.clientY;
    if (before) {
      const after = spread();
      const scale = unitsPerPixel();
      panBy(-(after.x - before.x) * scale, -(after.y - before.y) * scale);
      if (before.d > 0 && after.d > 0) zoomAt(after.d / before.d, toSvg(after.x, after.y));
    } else if (pointers.size === 1) {
      const scale = unitsPerPixel();
      panBy(-dx * scale, -dy * scale);
    }
  });
  function release(event) {
    if (!pointers.delete(event.pointerId)) return;
    if (pointers.size === 0) {
      pane.classList.remove("am-dragging");
      suppressClick = dragged;
    }
  }
  pane.addEventListener("pointerup", release);
  pane.addEventListener("pointercancel", release);
  pane.addEventListener("click", (event) => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    const g = event.target instanceof Element ? event.target.closest("g.am-node") : null;
    if (g) select(g.dataset.id, "diagram");
  });
  pane.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const step = 0.1;
    switch (event.key) {
      case "+": case "=": zoomAt(1.25, centre()); break;
      case "-": case "_": zoomAt(0.8, centre()); break;
      case "ArrowLeft": panBy(-view.w * step, 0); break;
      case "ArrowRight": panBy(view.w * step, 0); break;
      case "ArrowUp": panBy(0, -view.h * step); break;
      case "ArrowDown": panBy(0, view.h * step); break;
      case "0": reset(); break;
      default: return;
    }
    event.preventDefault();
  });
  document.getElementById("am-zoom-in").addEventListener("click", () => zoomAt(1.25, centre()));
  document.getElementById("am-zoom-out").addEventListener("click", () => zoomAt(0.8, centre()));
  document.getElementById("am-reset").addEventListener("click", reset);

  /** A node's bounding box in the SVG's own coordinates (those of the viewBox), or null if it is not drawn. */
  function box(g) {
    const outer = svg.getScreenCTM();
    const inner = g.getScreenCTM();
    if (!outer || !inner) return null;
    const matrix = outer.inverse().multiply(inner);
    const b = g.getBBox();
    const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
      .map(([x, y]) => new DOMPoint(x, y).matrixTransform(matrix));
    const xs = corners.map((p) => p.x);
    const ys = corners.map((p) => p.y);
    return { x: Math.min(...xs), y: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) };
  }
  function bringIntoView(g) {
    const b = box(g);
    if (!b || (b.x >= view.x && b.x2 <= view.x + view.w && b.y >= view.y && b.y2 <= view.y + view.h)) return;
    show({ x: (b.x + b.x2) / 2 - view.w / 2, y: (b.y + b.y2) / 2 - view.h / 2, w: view.w, h: view.h });
  }

  // ---- the outline: an ARIA tree ---------------------------------------------------------------------
  const trees = [...document.querySelectorAll('[role="tree"]')];
  const entries = [...document.querySelectorAll('[role="treeitem"]')];
  const entryOf = new Map(); // id -> the entry where it is written out (not a "see" reference)
  const parentOf = new Map();
  for (const li of entries) {
    const kind = li.dataset.kind;
    if ((kind === "statement" || kind === "together") && !entryOf.has(li.dataset.id)) entryOf.set(li.dataset.id, li);
    const parent = li.parentElement.closest('[role="treeitem"]');
    if (parent) parentOf.set(li, parent);
  }
  for (const tree of trees) {
    if (!tree.querySelector('[role="treeitem"][tabindex="0"]')) {
      const first = tree.querySelector('[role="treeitem"]');
      if (first) first.tabIndex = 0;
    }
  }

  function setTabStop(li) {
    const tree = li.closest('[role="tree"]');
    for (const other of tree.querySelectorAll('[role="treeitem"][tabindex="0"]')) other.tabIndex = -1;
    li.tabIndex = 0;
  }
  function toggle(li, open) {
    const now = li.getAttribute("aria-expanded");
    if (now === null) return;
    li.setAttribute("aria-expanded", (open === undefined ? now !== "true" : open) ? "true" : "false");
  }
  function expandTo(li) {
    for (let up = parentOf.get(li); up; up = parentOf.get(up)) up.setAttribute("aria-expanded", "true");
  }
  function visibleItems(tree) {
    return [...tree.querySelectorAll('[role="treeitem"]')].filter((li) => li.offsetParent !== null);
  }
  function activate(li) {
    const id = li.dataset.id;
    if (statements.has(id) || argumentsById.has(id)) select(id, "outline");
  }
  function moveTo(li) {
    if (!li) return;
    setTabStop(li);
    li.focus();
  }
  function neighbour(li, key) {
    const tree = li.closest('[role="tree"]');
    const items = visibleItems(tree);
    const index = items.indexOf(li);
    if (key === "ArrowDown") return items[index + 1];
    if (key === "ArrowUp") return items[index - 1];
    if (key === "Home") return items[0];
    return items[items.length - 1];
  }
  function onTreeKey(event) {
    const li = event.target instanceof Element ? event.target.closest('[role="treeitem"]') : null;
    if (!li || event.altKey || event.ctrlKey || event.metaKey) return;
    const expanded = li.getAttribute("aria-expanded");
    switch (event.key) {
      case "ArrowDown": case "ArrowUp": case "Home": case "End": moveTo(neighbour(li, event.key)); break;
      case "ArrowRight":
        if (expanded === "false") toggle(li, true);
        else if (expanded === "true") {
          moveTo(li.querySelector(':scope > [role="group"] > [role="treeitem"]:not([hidden])'));
        }
        break;
      case "ArrowLeft":
        if (expanded === "true") toggle(li, false);
        else moveTo(parentOf.get(li));
        break;
      case "Enter": case " ": activate(li); break;
      default: return;
    }
    event.preventDefault();
  }
  function onTreeClick(event) {
    const li = event.target instanceof Element ? event.target.closest('[role="treeitem"]') : null;
    if (!li) return;
    setTabStop(li);
    li.focus({ preventScroll: true });
    if (event.target.closest(".am-twisty")) toggle(li);
    else activate(li);
  }
  for (const tree of trees) {
    tree.addEventListener("click", onTreeClick);
    tree.addEventListener("keydown", onTreeKey);
  }
  document.getElementById("am-expand").addEventListener("click", () => {
    for (const li of document.querySelectorAll('[aria-expanded="false"]')) li.setAttribute("aria-expanded", "true");
  });
  document.getElementById("am-collapse").addEventListener("click", () => {
    for (const li of document.querySelectorAll('[aria-expanded="true"]')) li.setAttribute("aria-expanded", "false");
  });

  // ---- selection and the details panel ---------------------------------------------------------------
  const details = document.getElementById("am-details");

  function select(id, origin) {
    for (const g of svg.querySelectorAll(".am-selected")) g.classList.remove("am-selected");
    const g = svgNodes.get(id);
    if (g) {
      g.classList.add("am-selected");
      if (origin !== "diagram") bringIntoView(g);
    }
    for (const li of document.querySelectorAll('[role="treeitem"][aria-selected="true"]')) {
      li.removeAttribute("aria-selected");
    }
    const li = entryOf.get(id);
    if (li) {
      li.setAttribute("aria-selected", "true");
      expandTo(li);
      if (origin !== "outline") {
        setTabStop(li);
        li.scrollIntoView({ block: "nearest" });
      }
    }
    details.replaceChildren();
    details.classList.add("am-has-selection");
    if (statements.has(id)) statementDetails(id, statements.get(id));
    else if (argumentsById.has(id)) argumentDetails(id, argumentsById.get(id));
  }

  function field(list, name, value) {
    if (value === undefined || value === null || value === "") return;
    list.append(make("dt", "", name), make("dd", "", value));
  }
  function idButton(id) {
    const button = make("button", "am-link", id);
    button.type = "button";
    button.addEventListener("click", () => select(id, "details"));
    return button;
  }
  function actions(id) {
    const row = make("div", "am-d-actions");
    const focus = make("button", "am-focus", "Focus the diagram on this");
    focus.title = "Zoom the diagram to this statement and what is under it in the outline, and dim the rest";
    focus.type = "button";
    focus.addEventListener("click", () => focusOn(id));
    const whole = make("button", "", "Whole map");
    whole.type = "button";
    whole.addEventListener("click", reset);
    row.append(focus, whole);
    return row;
  }

  function statementDetails(id, s) {
    const heading = make("h2");
    if (s.label) {
      const strength = typeof s.strength === "number" ? ` ${s.strength.toFixed(2)}` : "";
      heading.append(make("span", `am-label am-${s.label}`, `${SYMBOL[s.label]} ${s.label}${strength}`), " ");
    }
    heading.append(make("code", "am-id", id));
    details.append(heading, make("p", "am-d-text", s.text));
    const fields = make("dl", "am-d-fields");
    const thesis = data.statements[data.thesis];
    const other = thesis && thesis.kind === "counterclaim" ? "claim" : "counterclaim";
    let kind = s.kind === other ? `${s.kind} (the other side)` : s.kind;
    if (id === data.thesis) kind += ", the thesis";
    if (s.implicit) kind += ", implicit (unstated)";
    field(fields, "Kind", kind);
    field(fields, "Source", s.source);
    field(fields, "By", s.by);
    field(fields, "From", s.file);
    field(fields, "Tags", (s.tags || []).join(", "));
    details.append(fields);
    if (s.quote) details.append(make("blockquote", "am-d-quote", s.quote));
    if (s.note) details.append(make("p", "am-d-note", `Note: ${s.note}`));
    details.append(actions(id));
    explanationDetails(id);
  }

  function explanationDetails(id) {
    const explanation = explanations.get(id);
    if (!explanation) {
      if (data.explanationNote) details.append(make("p", "am-d-note", data.explanationNote));
      return;
    }
    details.append(make("h3", "am-why", explanation.heading));
    const list = make("ul", "am-steps");
    for (const step of explanation.steps) {
      const item = make("li", "am-step");
      item.style.setProperty("--depth", String(step.depth));
      item.dataset.id = step.id || "";
      if (step.id && (statements.has(step.id) || argumentsById.has(step.id))) {
        const button = make("button", "", step.text);
        button.type = "button";
        button.addEventListener("click", () => select(step.id, "details"));
        item.append(button);
      } else {
        item.textContent = step.text;
      }
      list.append(item);
    }
    details.append(list);
  }

  function argumentDetails(id, a) {
    const heading = make("h2", "", "Argument ");
    heading.append(make("code", "am-id", id));
    details.append(heading);
    const fields = make("dl", "am-d-fields");
    field(fields, "Scheme", a.schemeName ? `${a.schemeName} (${a.scheme})` : a.scheme);
    field(fields, "Note", a.note);
    field(fields, "From", a.file);
    details.append(fields);
    const from = make("p", "", "Concludes ");
    if (a.conclusion) from.append(idButton(a.conclusion));
    from.append(a.premises.length > 1 ? " from the premises together: " : " from its one premise: ");
    a.premises.forEach((premise, index) => from.append(index ? ", " : "", idButton(premise)));
    details.append(from);
    questionDetails(a.questions || []);
    details.append(actions(id));
  }

  // A catalogue scheme's critical questions: the open ones, then the answered ones with what answers each.
  function questionDetails(questions) {
    const open = questions.filter((q) => q.answeredBy.length === 0);
    const answered = questions.filter((q) => q.answeredBy.length > 0);
    if (open.length) {
      details.append(make("h3", "am-questions-heading", "Open questions"));
      const list = make("ul", "am-questions am-open");
      for (const q of open) list.append(make("li", "am-question", q.ask));
      details.append(list);
    }
    if (answered.length) {
      details.append(make("h3", "am-questions-heading", "Answered questions"));
      const list = make("ul", "am-questions am-answered");
      for (const q of answered) {
        const item = make("li", "am-question", q.ask);
        const by = make("span", "am-answered-by", " answered by ");
        q.answeredBy.forEach((answer, index) => by.append(index ? ", " : "", idButton(answer)));
        item.append(by);
        list.append(item);
      }
      details.append(list);
    }
  }

  // ---- focus: the diagram zoomed to a statement and what is under it in the outline ------------------
  function subtreeIds(id) {
    const ids = new Set([id]);
    const li = entryOf.get(id);
    if (li) for (const below of li.querySelectorAll("[data-id]")) ids.add(below.dataset.id);
    return ids;
  }
  function focusOn(id) {
    unfocus();
    let area = null;
    for (const item of subtreeIds(id)) {
      const g = svgNodes.get(item);
      const b = g ? box(g) : null;
      if (!b) continue;
      g.classList.add("am-in-focus");
      area = area ? { x: Math.min(area.x, b.x), y: Math.min(area.y, b.y), x2: Math.max(area.x2, b.x2),
        y2: Math.max(area.y2, b.y2) } : b;
    }
    if (!area) return;
    const pad = Math.max(area.x2 - area.x, area.y2 - area.y) * 0.05 + 12;
    svg.classList.add("am-focused");
    show({ x: area.x - pad, y: area.y - pad, w: area.x2 - area.x + 2 * pad, h: area.y2 - area.y + 2 * pad });
  }

  // ---- search ----------------------------------------------------------------------------------------
  const search = document.getElementById("am-search");
  const count = document.getElementById("am-search-count");
  const haystack = new Map();
  for (const [id, s] of statements) {
    haystack.set(id, [id, s.text, s.source, s.by, s.file, (s.tags || []).join(" "), s.quote, s.note]
      .filter(Boolean).join("\n").toLowerCase());
  }
  for (const [id, a] of argumentsById) {
    haystack.set(id, [id, a.scheme, a.schemeName, a.note].filter(Boolean).join("\n").toLowerCase());
  }

  function runSearch() {
    const query = search.value.trim().toLowerCase();
    const hits = new Set();
    if (query) for (const [id, text] of haystack) if (text.includes(query)) hits.add(id);
    const keep = new Set();
    for (let index = entries.length - 1; index >= 0; index--) { // children before their parents
      const li = entries[index];
      const self = query !== "" && li.dataset.kind !== "more" && hits.has(li.dataset.id);
      const shown = query === "" || self || keep.has(li);
      li.hidden = !shown;
      li.classList.toggle("am-hit", self);
      if (shown && parentOf.has(li)) keep.add(parentOf.get(li));
    }
    for (const tree of trees) tree.classList.toggle("am-searching", query !== "");
    svg.classList.toggle("am-searching", query !== "");
    for (const [id, g] of svgNodes) g.classList.toggle("am-hit", hits.has(id));
    const found = [...hits].filter((id) => statements.has(id)).length;
    count.textContent = query ? `${found} of ${statements.size} statements match` : "";
  }
  let timer = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(runSearch, statements.size > 2000 ? 150 : 40);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      search.value = "";
      runSearch();
    } else if (event.key === "Enter") {
      clearTimeout(timer);
      runSearch();
      const first = entries.find((li) => li.classList.contains("am-hit"));
      if (first) activate(first);
    }
  });

  // Usable: the outline and the diagram are wired up (`make bench` times these marks from navigation start).
  document.documentElement.dataset.ready = "1";
  performance.mark("argmap-ready");
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("argmap-drawn")));
})();
