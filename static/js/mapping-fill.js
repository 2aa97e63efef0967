// Filling in a mapping response: show each answer's save state, offer a retry when a save fails,
// and warn before leaving while a save is pending or failed.
(function () {
  const pending = new Set();

  // A refused save comes back as 409 (someone changed the answer meanwhile, or the response is
  // read-only) or 422 (the value is not valid), with the fragments that explain it: swap them in
  // like a 200 instead of treating them as a failed connection. Other 4xx/5xx stay errors.
  // This script runs before htmx's (both deferred, this one first), so configure once all are loaded.
  document.addEventListener("DOMContentLoaded", () => {
    if (!window.htmx) return;
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "409", swap: true, error: false },
      { code: "422", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
      { code: "...", swap: false },
    ];
  });

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
    // Any stored save confirms a carried-over answer: its badge and confirm button no longer apply.
    if (event.detail.xhr && event.detail.xhr.status === 200) {
      const question = form.closest(".question");
      if (question) question.querySelectorAll(".carried-over, .confirm-carried").forEach((el) => el.remove());
    }
  });

  document.addEventListener("click", (event) => {
    const retry = event.target.closest(".retry");
    if (retry) {
      const form = retry.closest("form.answer-form");
      if (form && window.htmx) window.htmx.trigger(form, "change");
      return;
    }
    // The conflict reply carried the other save's revision into the form: sending the form again now
    // stores what this official typed on top of it, even when they do not retype anything.
    const keep = event.target.closest("[data-keep-mine]");
    if (keep) {
      const form = keep.closest("form.answer-form");
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
