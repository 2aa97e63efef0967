// Forms that change a response's state for others (return, accept) ask first: a form with
// data-confirm="question" is sent only when the reader agrees.
(function () {
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (!form) return;
    if (!window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
