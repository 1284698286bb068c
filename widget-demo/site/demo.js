// Demo-page wiring: the Salam stub (so calls work before the widget loads)
// and a line that shows the widget's events as they happen.
window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
document.getElementById("open-chat").addEventListener("click", function () { Salam("open"); });
["ready", "open", "close", "shutdown"].forEach(function (name) {
  window.addEventListener("salam:" + name, function () {
    document.getElementById("event-log").textContent = "Last widget event: salam:" + name;
  });
});
