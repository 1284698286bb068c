// Demo-page wiring: the Salam stub (so calls work before the widget loads)
// and a line that shows the widget's events as they happen.
window.Salam = window.Salam || function () { (Salam.q = Salam.q || []).push(arguments); };
document.getElementById("open-chat").addEventListener("click", function () { Salam("open"); });
var picker = document.getElementById("widget-locale");
if (picker) picker.addEventListener("change", function () { Salam("locale", picker.value || null); });
["ready", "open", "close", "locale", "shutdown"].forEach(function (name) {
  window.addEventListener("salam:" + name, function () {
    document.getElementById("event-log").textContent = "Last widget event: salam:" + name;
  });
});
