// Filling in a mapping response: show each answer's save state, offer a retry when a save fails,
// and warn before leaving while a save is pending or failed.
(function () {
  const pending = new Set();

  function stateOf(form) {
    return form.querySelector(".save-state");
  }

  function setState(form, text, cls) {
    const state = stateOf(form);
    if (!state) return;
    state.textContent = text;
    state.classList.remove("save-ok", "save-failed", "save-busy");
    if (cls) state.classList.add(cls);
  }

  function retryButton(form) {
    return form.querySelector(".retry");
  }

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.target.closest("form.answer-form");
    if (!form) return;
    pending.add(form);
    const retry = retryButton(form);
    if (retry) retry.hidden = true;
    setState(form, form.dataset.savingText || "Saving…", "save-busy");
  });

  function failed(event) {
    const form = event.target.closest("form.answer-form");
    if (!form) return;
    pending.add(form);
    form.dataset.failed = "1";
    setState(form, form.dataset.failedText || "Not saved: the connection failed. Your answer is still here.", "save-failed");
    const retry = retryButton(form);
    if (retry) retry.hidden = false;
  }

  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:timeout", failed);

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.target.closest("form.answer-form");
    if (!form || !event.detail.successful) return;
    pending.delete(form);
    delete form.dataset.failed;
  });

  document.addEventListener("click", (event) => {
    const retry = event.target.closest(".retry");
    if (retry) {
      const form = retry.closest("form.answer-form");
      if (form && window.htmx) window.htmx.trigger(form, "change");
      return;
    }
    if (event.target.closest("[data-reload]")) {
      window.location.reload();
    }
  });

  window.addEventListener("beforeunload", (event) => {
    if (pending.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
