// The map names the region under keyboard focus or the pointer, above the map (the hover title alone
// never shows for keyboard users).
document.addEventListener("DOMContentLoaded", () => {
  const map = document.querySelector("svg.choropleth");
  const caption = document.querySelector(".map-focus");
  if (!map || !caption) return;
  caption.hidden = false;
  const show = (event) => {
    const link = event.target.closest && event.target.closest("a");
    caption.textContent = link ? link.getAttribute("aria-label") : "";
  };
  map.addEventListener("focusin", show);
  map.addEventListener("mouseover", show);
  map.addEventListener("focusout", () => { caption.textContent = ""; });
});
