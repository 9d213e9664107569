() => {
  const WORDS = /cookie[- ]?(instellingen|voorkeuren|settings|preferences|einstellungen|beleid)|privacy[- ]?(instellingen|settings)|toestemming (wijzigen|intrekken)|gérer (les )?cookies|paramètres (des )?cookies|manage (cookies|consent)|change (cookie )?consent|consent (settings|preferences)|your privacy choices/i;
  const ICONS = '#ot-sdk-btn-floating, #ot-sdk-btn, .ot-sdk-show-settings, #CookiebotWidget, '
    + '.cky-revisit-bottom-left, .cky-btn-revisit-wrapper, .cmplz-manage-consent, '
    + '#BorlabsCookieWidget, #tarteaucitronIcon, #tarteaucitronManager, [data-cc="show-preferencesModal"], .cc-revoke, .orejime-Button--info';
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== "hidden" && s.display !== "none"; };
  for (const el of document.querySelectorAll(ICONS)) if (visible(el))
    return {kind: "icon", text: (el.innerText || el.id || el.className || "").toString().slice(0, 80)};
  for (const el of document.querySelectorAll('a, button, [role="button"]')) {
    const text = (el.innerText || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim();
    if (text.length < 60 && WORDS.test(text) && visible(el)) return {kind: "link", text};
  }
  return null;
}
