async () => {
  const hash = (s) => { let h = 0; for (const c of String(s)) h = (h * 31 + c.charCodeAt(0)) | 0; return h; };
  const storage = {};
  try { for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i);
        storage[k] = hash(localStorage.getItem(k)); } } catch (e) {}
  let tcf = null;
  if (typeof window.__tcfapi === "function") {
    tcf = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), 1000);
      try { window.__tcfapi("getTCData", 2, (data, ok) => { clearTimeout(timer);
              resolve(ok && data ? (data.tcString || "") : null); }); }
      catch (e) { clearTimeout(timer); resolve(null); }
    });
  }
  const consentMode = (window.dataLayer || []).filter((e) => e && e[0] === "consent")
    .map((e) => e[1] + ":" + JSON.stringify(e[2] || {}));
  return {storage, tcf, consentMode};
}
