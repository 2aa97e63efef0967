from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from accounts import api, demo, signals
        from saphire import plugins

        # Connected here, not on import: the admin's autodiscovery may import this module before
        # django.contrib.auth connects create_permissions, and the group must see every permission.
        post_migrate.connect(signals.ensure_coordinator_group, dispatch_uid="accounts.ensure_coordinator_group")
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
