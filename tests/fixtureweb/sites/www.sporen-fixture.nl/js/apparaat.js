// The site's own device check: a live AudioContext's oscillator read back through an analyser,
// and the local network addresses a data-channel-only WebRTC offer reveals in its candidates.
(function () {
  var signals = {};
  var Context = window.AudioContext || window.webkitAudioContext;
  if (Context) {
    var audio = new Context();
    var oscillator = audio.createOscillator();
    var compressor = audio.createDynamicsCompressor();
    var analyser = audio.createAnalyser();
    var silent = audio.createGain();
    oscillator.type = "triangle";
    oscillator.frequency.value = 10000;
    silent.gain.value = 0;
    oscillator.connect(compressor);
    compressor.connect(analyser);
    analyser.connect(silent);
    silent.connect(audio.destination);
    oscillator.start(0);
    var bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    signals.audio = bins.slice(0, 32).reduce(function (sum, x) { return sum + Math.abs(x || 0); }, 0);
    oscillator.stop();
  }
  if (window.RTCPeerConnection) {
    var addresses = {};
    var peer = new RTCPeerConnection({ iceServers: [] });
    peer.createDataChannel("");
    peer.onicecandidate = function (event) {
      if (event.candidate && event.candidate.candidate) {
        addresses[event.candidate.candidate.split(" ")[4]] = true;
        signals.addresses = Object.keys(addresses);
      }
    };
    peer.createOffer().then(function (offer) { return peer.setLocalDescription(offer); });
  }
  document.getElementById("apparaat").textContent = "gecontroleerd";
  window.sporenSignals = signals;
})();
