from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "roadmap"

    def ready(self):
        from notifications import demo as notifications_demo
        from notifications import registry as notification_registry
        from roadmap import api, dashboard, demo, region_profile, selectors
        from roadmap.models import Module, Pilot
        from saphire import plugins

        plugins.dashboard_panels.register(self.label, dashboard.panels)
        plugins.region_profile_sections.register(self.label, region_profile.sections)
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        # Notifications sit below the apps whose objects they are about: their demo runs once these exist.
        plugins.demo_loaders.register("notifications", notifications_demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
        # A module is followed once published; pilots as their list shows them (drafts to coordinators).
        notification_registry.register(
            "module", Module, lambda user: Module.objects.filter(versions__is_current=True).distinct()
        )
        notification_registry.register("pilot", Pilot, lambda user: selectors.pilot_list(user=user))
