// Small behaviours every page may use, written here because the Content-Security-Policy
// forbids inline handlers:
//   <select data-autosubmit> submits its form as soon as another option is chosen;
//   <button data-print> (or a link) prints the page.
// Listeners sit on the document, so content that htmx swaps in works too.
(function () {
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-autosubmit]") && select.form) {
      select.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("[data-print]");
    if (!trigger) return;
    event.preventDefault();
    window.print();
  });
})();
