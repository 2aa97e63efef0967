// Remembers the browser's time zone so event times can also be shown in the viewer's zone.
(function () {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && !document.cookie.split("; ").some((c) => c === "tz=" + encodeURIComponent(zone))) {
      document.cookie = "tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax";
    }
  } catch (error) {
    // Without Intl the site's zone is used.
  }
  document.addEventListener("click", (event) => {
    if (event.target.matches("[data-print]")) {
      window.print();
    }
  });
  document.addEventListener("focusin", (event) => {
    if (event.target.matches("[data-select-on-focus]")) {
      event.target.select();
    }
  });
})();
