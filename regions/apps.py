from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "regions"

    def ready(self):
        from notifications import registry as notification_registry
        from regions import api, dashboard, demo, people
        from regions.models import Region
        from saphire import plugins

        plugins.dashboard_panels.register(self.label, dashboard.panels)
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
        notification_registry.register("region", Region, lambda user: Region.objects.all())
        plugins.interest_choices.register(self.label, plugins.InterestChoices("regions", people.interest_choices))
        plugins.invitation_grants.register(self.label, people.invitation_grant)
        plugins.personal_data.register(self.label, plugins.PersonalData(people.export, people.erase))
