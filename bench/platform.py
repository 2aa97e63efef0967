from django.test import Client

from bench.core import Context, Result, time_get


def build(ctx: Context) -> None:
    pass


def measure(ctx: Context) -> list[Result]:
    client = Client()
    return [
        time_get(client, "/", ctx.repeat(50), name="home page"),
        time_get(client, "/api/v1/schema/", ctx.repeat(5), name="OpenAPI schema"),
    ]
