"""Every route of the portal, read from the URL configuration (HTML views and the API router alike)."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Django's own admin is checked model by model in test_admin_permissions; its hundreds of routes are generic.
SKIPPED_NAMESPACES = {"admin"}
ALL_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the route itself when unnamed
    route: str
    callback: object

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")

    @property
    def methods(self) -> tuple[str, ...]:
        """Methods this route answers: an API view says so; an HTML view is tried with GET and POST."""
        actions = getattr(self.callback, "actions", None)
        if actions:
            return tuple(m for m in ALL_METHODS if m.lower() in actions)
        view_class = getattr(self.callback, "cls", None) or getattr(self.callback, "view_class", None)
        if self.is_api and view_class is not None:
            allowed = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
            return tuple(m for m in ALL_METHODS if m in allowed)
        return ("GET", "POST")


def _walk(resolver: URLResolver, prefix: str, namespace: str | None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern


def routes() -> list[Route]:
    """One Route per named view; DRF's `.json`-style format-suffix twins are the same view and left out."""
    found: dict[str, Route] = {}
    for route, namespace, pattern in _walk(get_resolver(), "", None):
        if "format" in pattern.pattern.converters or "(?P<format>" in route:
            continue
        if route.startswith("static/") or route.startswith("media/") or route.startswith("^media/"):
            continue
        name = pattern.name or route
        key = f"{namespace}:{name}" if namespace and pattern.name else name
        found.setdefault(key, Route(key=key, route=route, callback=pattern.callback))
    return sorted(found.values(), key=lambda r: r.key)
