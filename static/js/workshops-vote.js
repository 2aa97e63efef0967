// Ballot: shows how many votes are left and stops a double click from sending twice.
(function () {
  const form = document.querySelector("form.ballot");
  if (!form) return;
  const max = parseInt(form.dataset.maxVotes, 10);
  const left = form.querySelector("[data-votes-left]");
  const button = form.querySelector("[data-submit-once]");
  const inputs = Array.from(form.querySelectorAll("input.vote-input"));

  function update() {
    const used = inputs.reduce((sum, input) => sum + (parseInt(input.value, 10) || 0), 0);
    left.textContent = used + " / " + max;
    left.classList.toggle("over", used > max);
    button.disabled = used > max;
  }
  inputs.forEach((input) => input.addEventListener("input", update));
  form.addEventListener("submit", (event) => {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
})();
