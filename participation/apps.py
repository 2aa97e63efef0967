from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "participation"

    def ready(self):
        from participation import api, demo, roadmap_parts
        from saphire import plugins

        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
        plugins.roadmap_item_notes.register(self.label, roadmap_parts.item_notes)
        plugins.module_evidence.register(self.label, roadmap_parts.module_evidence)
        plugins.roadmap_search.register(self.label, roadmap_parts.search)
        plugins.roadmap_links.register(self.label, roadmap_parts.links)
        plugins.interest_links.register(self.label, roadmap_parts.interest_links)
