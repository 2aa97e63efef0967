from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"

    def ready(self):
        from notifications import registry as notification_registry
        from saphire import plugins
        from workshops import api, dashboard, demo, people, region_profile, selectors
        from workshops.models import Event

        plugins.dashboard_panels.register(self.label, dashboard.panels)
        plugins.region_profile_sections.register(self.label, region_profile.sections)
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
        notification_registry.register("event", Event, lambda user: selectors.event_visible(user=user))
        plugins.personal_data.register(self.label, plugins.PersonalData(people.export, people.erase))
