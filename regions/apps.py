from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "regions"

    def ready(self):
        from regions import api, dashboard, demo
        from saphire import plugins

        plugins.dashboard_panels.register(self.label, dashboard.panels)
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
