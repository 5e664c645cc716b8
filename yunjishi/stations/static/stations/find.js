// Fill the search form with the browser's position when the worker allows it; without
// permission (or without JavaScript) the district choice still works.
(function () {
  var form = document.getElementById("find-form");
  var button = document.getElementById("use-position");
  var status = document.getElementById("position-status");
  if (!form || !button) return;
  if (!("geolocation" in navigator)) { button.hidden = true; return; }
  function locate() {
    status.textContent = button.dataset.locating || "…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.querySelector("input[name=lat]").value = position.coords.latitude.toFixed(6);
      form.querySelector("input[name=lon]").value = position.coords.longitude.toFixed(6);
      form.querySelector("select[name=district]").value = "";
      form.submit();
    }, function () {
      status.textContent = button.dataset.denied || "";
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  }
  button.addEventListener("click", locate);
  // A choice of district replaces an earlier position.
  form.querySelector("select[name=district]").addEventListener("change", function () {
    form.querySelector("input[name=lat]").value = "";
    form.querySelector("input[name=lon]").value = "";
  });
})();
