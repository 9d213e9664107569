// A per-profile visitor id (a first-party cookie) sent with one beacon per page load, so the
// fixture web's request log tells the browser profiles (a scan's phases) apart per host:
// /js/laad.gif?profiel=<id> once per page load, in the profile that loaded it.
(function () {
  var found = document.cookie.split("; ").filter(function (c) { return c.indexOf("profiel=") === 0; });
  var id = found.length ? found[0].slice(8) : Math.random().toString(36).slice(2, 12);
  document.cookie = "profiel=" + id + "; path=/; max-age=31536000; SameSite=Lax; Secure";
  new Image().src = "/js/laad.gif?profiel=" + id;
})();
