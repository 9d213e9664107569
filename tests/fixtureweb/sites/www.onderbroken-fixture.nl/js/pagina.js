// The part every page shares, written in place (so the pages stay one small file each): the
// menu linking all six pages, the Meta pixel held back until marketing consent, and the
// fixture banner in Dutch.
(function () {
  var pages = [["/", "Home"], ["/een/", "Een"], ["/twee/", "Twee"], ["/drie/", "Drie"],
    ["/vier/", "Vier"], ["/vijf/", "Vijf"]];
  var menu = pages.map(function (p) { return '<a href="' + p[0] + '">' + p[1] + "</a>"; });
  var pixel = "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?" +
    "n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;" +
    "n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;" +
    "t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window," +
    "document,'script','https://connect.facebook.net/en_US/fbevents.js');" +
    "fbq('init', '1234567890');fbq('track', 'PageView');";
  document.write(
    "<nav>" + menu.join(" ") + "</nav>" +
    "<p>Een pagina van de onderbroken-fixture: traag genoeg om een scan halverwege te stoppen.</p>" +
    '<script type="text/plain" data-consent="marketing">' + pixel + "</scr" + "ipt>" +
    '<script src="/__fixture/consent.js" data-accept="Alles accepteren" ' +
    'data-reject="Alles weigeren"></scr' + "ipt>"
  );
})();
