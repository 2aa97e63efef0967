"""Comments are Markdown typed by the public: shown through the same renderer and allow-list as workshop minutes."""

from workshops.templatetags.workshops_tags import markdown


def comment_html(body: str) -> str:
    return str(markdown(body))
