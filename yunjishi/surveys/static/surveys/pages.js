// Survey pages without inline handlers (a strict Content-Security-Policy allows none):
// a field marked data-submit-on-change sends its form when it changes (the org picker of
// the demand list), a button marked data-print prints the page (the sheet of QR codes).
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-submit-on-change]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
