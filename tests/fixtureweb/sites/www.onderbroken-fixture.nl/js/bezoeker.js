// A per-profile visitor id (first-party cookie), so the fixture web's request log tells the
// browser profiles (the scan's phases) apart; and a 1.5 s timer that sends one more request,
// so each page takes a moment to become quiet and a test can interrupt a scan halfway.
if (!document.cookie.split("; ").some((c) => c.startsWith("bezoeker="))) {
  const id = Math.random().toString(36).slice(2, 12);
  document.cookie = "bezoeker=" + id + "; path=/; max-age=31536000; SameSite=Lax; Secure";
}
localStorage.setItem("onderbroken_laatst", location.pathname);
setTimeout(() => fetch("/js/ping.json?p=" + encodeURIComponent(location.pathname)), 1500);
