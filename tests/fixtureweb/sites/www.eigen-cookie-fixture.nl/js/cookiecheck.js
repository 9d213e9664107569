// The site's own check that cookies work, before it offers the basket. Its cookie happens to
// be called test_cookie, like DoubleClick's: a name, not a tracker.
(function () {
  document.cookie = "test_cookie=werkt; path=/; max-age=900; SameSite=Lax";
  var works = document.cookie.indexOf("test_cookie=werkt") !== -1;
  document.getElementById("cookiecheck").textContent = works
    ? "Cookies staan aan: je kunt bestellen."
    : "Zet cookies aan om te kunnen bestellen.";
})();
