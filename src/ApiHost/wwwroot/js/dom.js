// Tiny DOM helpers: every text goes in as text (never HTML), so nothing from the server can inject markup.

export const $ = id => document.getElementById(id);

/** An element with attributes (`class`, `data-*`, …) and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function setText(id, text) {
  const node = $(id);
  if (node) node.textContent = text ?? "—";
}

export const time = iso => (iso ? new Date(iso).toISOString().slice(11, 19) : "—");

export const dateTime = iso => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) : "—");

/** A table body's rows, or one row saying it is empty. */
export function fillTable(tableId, rows, emptyText, columns) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren(...(rows.length ? rows : [el("tr", { class: "empty" }, el("td", { colspan: columns }, emptyText))]));
}
