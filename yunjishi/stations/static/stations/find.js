// Fill the search form with the browser's position when the worker allows it; without
// permission (or without JavaScript) typing a place or choosing a district still works.
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
      form.querySelector("input[name=place]").focus();  // type the place instead
    }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  }
  button.addEventListener("click", locate);
  function forgetPosition() {
    form.querySelector("input[name=lat]").value = "";
    form.querySelector("input[name=lon]").value = "";
  }
  // A district chosen or a place typed replaces an earlier position; a district chosen
  // searches at once (one tap on a phone).
  form.querySelector("select[name=district]").addEventListener("change", function () {
    forgetPosition();
    form.querySelector("input[name=place]").value = "";
    form.submit();
  });
  form.querySelector("input[name=place]").addEventListener("input", function () {
    forgetPosition();
    form.querySelector("select[name=district]").value = "";
  });
})();
