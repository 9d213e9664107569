/* A bot check as commercial ones do it: the webdriver flag, headless tells, then the tracker
   only for what looks like a person. */
(function () {
  var tells = [navigator.webdriver, navigator.plugins.length === 0, navigator.mimeTypes.length === 0,
    typeof window.chrome === "undefined", /HeadlessChrome/.test(navigator.userAgent)];
  if (tells.some(Boolean)) return;
  new Image().src = "https://www.facebook.com/tr/?id=1234567890&ev=BotcheckMens";
})();
