// The question editor's condition rules: once a source question is chosen, offer only the operators
// that fit its type and only its own answers (numbers get a number box). The server checks it all
// again; this only keeps the choices honest while typing.
(function () {
  const COMPARISONS = ["lt", "le", "gt", "ge"];

  function setUp() {
    const data = document.getElementById("condition-sources");
    if (!data) return;
    const sources = JSON.parse(data.textContent);
    document.querySelectorAll(".condition-rule").forEach((row) => {
      const question = row.querySelector("select[name$='_question']");
      const op = row.querySelector("select[name$='_op']");
      const values = row.querySelector("select[name$='_values']");
      const number = row.querySelector("input[name$='_number']");
      const refresh = () => {
        const source = sources[question.value];
        const ops = source ? source.ops : [];
        Array.from(op.options).forEach((option) => {
          option.hidden = option.disabled = !!source && !ops.includes(option.value);
        });
        if (source && !ops.includes(op.value)) op.value = ops[0];
        Array.from(values.querySelectorAll("optgroup")).forEach((group) => {
          const mine = group.label === question.value;
          group.hidden = !mine;
          if (!mine) Array.from(group.querySelectorAll("option")).forEach((o) => (o.selected = false));
        });
        const presence = op.value === "answered" || op.value === "unanswered";
        const numeric = source && (source.kind === "number" || COMPARISONS.includes(op.value));
        values.closest(".condition-part").hidden = !source || presence || numeric;
        values.multiple = op.value === "in";
        number.closest(".condition-part").hidden = !source || presence || !numeric;
        op.closest(".condition-part").hidden = !source;
      };
      question.addEventListener("change", refresh);
      op.addEventListener("change", refresh);
      refresh();
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
