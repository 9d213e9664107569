([phrases, necessary]) => {
  const BANNER = /cookie|consent|gdpr|privacy|banner|notice|cmp|dsgvo|rgpd|avg|tarteaucitron|orejime|klaro|usercentrics|didomi|onetrust|cybot/i;
  const norm = (s) => (s || "").replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ").trim()
    .toLowerCase();
  const necessaryRe = new RegExp(necessary, "i");
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    const s = getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0.05;
  };
  const container = (el) => {
    let found = null;
    for (let n = el; n; n = n.parentElement || (n.getRootNode && n.getRootNode().host) || null) {
      if (!n.getAttribute || n.tagName === "BODY" || n.tagName === "HTML") continue;
      const label = (n.id || "") + " " + (typeof n.className === "string" ? n.className : "");
      if (/dialog/.test(n.getAttribute("role") || "") || n.tagName === "DIALOG"
          || BANNER.test(label)) found = n;
    }
    return found;
  };
  // The colour a control is seen against: its nearest ancestor with a non-transparent
  // background (through shadow hosts), else the white canvas.
  const backdrop = (el) => {
    for (let n = el.parentElement || (el.getRootNode && el.getRootNode().host); n;
         n = n.parentElement || (n.getRootNode && n.getRootNode().host) || null) {
      const bg = getComputedStyle(n).backgroundColor;
      if (bg && bg !== "transparent" && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
    }
    return "rgb(255, 255, 255)";
  };
  const all = [];
  const walk = (root) => {
    root.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"], [role="switch"], input[type="checkbox"]')
      .forEach((el) => all.push(el));
    root.querySelectorAll("*").forEach((el) => { if (el.shadowRoot) walk(el.shadowRoot); });
  };
  walk(document);
  // An exact phrase wins; otherwise the kind whose contained phrase is longest, so that
  // "nur essenzielle cookies akzeptieren" is a reject although it contains "akzeptieren".
  const kindOf = (text) => {
    let best = null, longest = 0;
    for (const [kind, list] of Object.entries(phrases)) {
      if (list.includes(text)) return [kind, 10];
      if (text.length > 40) continue;
      for (const p of list) {
        if (p.length > 3 && p.length > longest && text.includes(p)) { best = kind; longest = p.length; }
      }
    }
    return [best, best ? 4 : 0];
  };
  const controls = [], toggles = [], boxes = new Set();
  for (const el of all) {
    if (!visible(el) && !(el.type === "checkbox")) continue;
    const box = container(el);
    if (el.matches('[role="switch"], input[type="checkbox"]')) {
      if (!box) continue;
      const label = norm((el.labels && el.labels[0] && el.labels[0].innerText)
        || el.getAttribute("aria-label") || (el.closest("label") || {}).innerText
        || (el.parentElement || {}).innerText);
      const checked = el.type === "checkbox" ? el.checked : el.getAttribute("aria-checked") === "true";
      toggles.push({el, label: label.slice(0, 80), checked, disabled: !!el.disabled
        || el.getAttribute("aria-disabled") === "true", necessary: necessaryRe.test(label)});
      continue;
    }
    const text = norm(el.innerText || el.value || el.getAttribute("aria-label") || el.title);
    if (!text || text.length > 60) continue;
    const [kind, score] = kindOf(text);
    if (!kind) continue;
    if (!box && score < 10) continue;
    if (box) boxes.add(box);
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    const shown = (el.innerText || el.value || el.getAttribute("aria-label") || el.title || "")
      .replace(/\s+/g, " ").trim();
    controls.push({el, kind, score: score + (box ? 10 : 0), text: shown, tag: el.tagName.toLowerCase(),
      inBanner: !!box, area: Math.round(r.width * r.height), color: s.color,
      background: s.backgroundColor, fontSize: parseFloat(s.fontSize), fontWeight: s.fontWeight,
      border: s.borderTopWidth, backdrop: backdrop(el)});
  }
  let text = "", coverage = 0;
  for (const box of boxes) {
    text += " " + (box.innerText || "").replace(/\s+/g, " ").trim().slice(0, 2000);
    const r = box.getBoundingClientRect();
    coverage = Math.max(coverage, (Math.min(r.width, innerWidth) * Math.min(r.height, innerHeight))
      / (innerWidth * innerHeight));
  }
  return {controls, toggles, text: text.trim(), coverage};
}
