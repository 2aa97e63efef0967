// Progressive enhancements shared by every page; the pages work without them.
document.documentElement.classList.add("js");

// A link to a heading (the survey's "Next section") leaves keyboard and screen-reader users there,
// not at the top of the page: the browser only scrolls, so move the focus too.
document.addEventListener("DOMContentLoaded", () => {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target && target.matches("h1, h2, h3") && target.hasAttribute("tabindex")) {
    target.focus();
  }
});

// A form with data-confirm asks before it is sent (deleting a draft, for example).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
// Menus marked data-fold-narrow are open lists on wide screens and folded on phones (the survey's
// sections); htmx swaps in fresh copies, which are folded the same way.
const narrow = window.matchMedia("(max-width: 760px)");
function foldMenus(root) {
  root.querySelectorAll("details[data-fold-narrow]").forEach((menu) => {
    menu.open = !narrow.matches;
  });
}
document.addEventListener("DOMContentLoaded", () => foldMenus(document));
document.addEventListener("htmx:load", (event) => foldMenus(event.detail.elt.parentElement || document));
narrow.addEventListener("change", () => foldMenus(document));

// A table wider than the screen scrolls in its box; keyboard users must be able to reach the box to
// scroll it, so a box that overflows takes the focus (and shows the ring) like a control.
function focusableScrollBoxes(root) {
  root.querySelectorAll(".table-wrap").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", () => focusableScrollBoxes(document));
document.addEventListener("htmx:load", (event) => focusableScrollBoxes(event.detail.elt.parentElement || document));
window.addEventListener("resize", () => focusableScrollBoxes(document));
