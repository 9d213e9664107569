/* A visit counter loaded over plain HTTP (blockable mixed content); Chromium refuses to run it. */
window.bezoekTeller = (window.bezoekTeller || 0) + 1;
