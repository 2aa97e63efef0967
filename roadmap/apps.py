from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"

    def ready(self):
        from roadmap import api, dashboard, demo, region_profile
        from saphire import plugins

        plugins.dashboard_panels.register(self.label, dashboard.panels)
        plugins.region_profile_sections.register(self.label, region_profile.sections)
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
