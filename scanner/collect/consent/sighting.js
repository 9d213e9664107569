// A consent banner we may not be able to operate: a visible dialog-like or fixed container whose
// text speaks of cookies or consent. Returns its text (folded, short) or null.
() => {
  const LABEL = /cookie|consent|gdpr|privacy|banner|notice|cmp|dsgvo|rgpd|avg/i;
  const WORDS = /cookie|toestemming|consent|einwilligung|consentement|privacy|datenschutz|gegevens/i;
  const candidates = document.querySelectorAll(
    '[role="dialog"], [role="alertdialog"], dialog, div, section, aside, form');
  for (const el of candidates) {
    const label = (el.id || "") + " " + (typeof el.className === "string" ? el.className : "");
    const style = getComputedStyle(el);
    const floating = style.position === "fixed" || style.position === "sticky";
    const dialog = /dialog/.test(el.getAttribute("role") || "") || el.tagName === "DIALOG";
    if (!dialog && !floating && !LABEL.test(label)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 100 || r.height < 20 || style.visibility === "hidden" || style.display === "none")
      continue;
    const text = (el.innerText || "").replace(/\s+/g, " ").trim();
    if (text.length > 10 && WORDS.test(text)) return text.slice(0, 300);
  }
  return null;
}
