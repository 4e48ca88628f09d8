// The print view's "Print" button (a file, not an onclick attribute: the CSP forbids inline scripts).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
